import { z } from '@hono/zod-openapi';

export const TenantCodeSchema = z
  .string()
  .openapi({ description: '全国地方公共団体コード（6桁、検査数字を含む）', example: '131016' });

export const TenantSchema = z
  .object({
    tenantCode: z.string().openapi({ example: '131016' }),
    name: z.string().openapi({ description: '団体名', example: '千代田区' }),
    prefecture: z.string().openapi({ description: '都道府県名', example: '東京都' }),
    kind: z.enum(['prefecture', 'designated_city', 'city', 'special_ward', 'designated_ward', 'town', 'village']).openapi({
      description: '団体区分（都道府県・政令指定都市・市・特別区・行政区・町・村）',
    }),
    status: z.enum(['active', 'suspended']),
    addedAt: z.string().openapi({ description: '登録日時 (ISO 8601)' }),
  })
  .openapi('Tenant');

export const AddTenantSchema = z.object({ tenantCode: TenantCodeSchema }).openapi('AddTenant');

/** Event `tenants.added` v1: a municipality joined the deployment. */
export const TenantAddedV1 = z.object({ tenantCode: z.string(), name: z.string(), prefecture: z.string() });
