-- Jobs that must not run side by side for the same thing (two 当初課税 of one year, two imports into
-- one 団体): the definition's exclusiveKey(params) is stored with the job, and this index lets at most
-- one such job be open (queued or running) per 団体, type and key. The database decides, so two
-- submissions at the same moment cannot both pass a check made before either is written.
ALTER TABLE job ADD COLUMN exclusive_key text;
CREATE UNIQUE INDEX job_exclusive ON job (tenant_code, type, exclusive_key)
  WHERE exclusive_key IS NOT NULL AND status IN ('queued', 'running');
