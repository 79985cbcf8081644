import { z } from '@hono/zod-openapi';

/** Path parameter {tenantCode}; the full check (check digit, official list) happens in the service. */
export const TenantParam = z.string().openapi({ param: { name: 'tenantCode', in: 'path' }, example: '131016', description: '全国地方公共団体コード' });
