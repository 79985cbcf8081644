import pg from 'pg';

/**
 * Type parsers shared by both engines: `date` stays a 'YYYY-MM-DD' string (no time zone can shift
 * a 異動日), `int8` becomes a number (counts and sequence values stay far below 2^53).
 */
const DATE_OID = 1082;
const INT8_OID = 20;

export const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;
