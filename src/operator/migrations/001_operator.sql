-- The platform operator's own records about the 団体 it serves (issue #11): who was onboarded with which
-- businesses and deployment profile, their migration progress, and the platform's shared costs. No
-- personal and no business data: these tables span 団体 by design and are read by operator routes only
-- (operator:read / operator:manage, which no 団体 role can hold). On the isolation suite's allow-list.

-- 受入れ: one row per onboarded 団体.
CREATE TABLE operator_municipality (
  tenant_code text PRIMARY KEY REFERENCES tenant,
  -- Module ids of the 20 基幹業務 (GLOSSARY) this 団体 runs, or plans to run, on this platform.
  businesses text[] NOT NULL,
  -- 三層の対策 model: α (terminals on LGWAN接続系), β (terminals on インターネット接続系), β′ (systems there too).
  deployment_profile text NOT NULL CHECK (deployment_profile IN ('alpha', 'beta', 'beta-prime')),
  procedure_version text NOT NULL,
  -- 住民基本台帳人口 as the operator enters it (the population key of the cost split).
  population integer CHECK (population >= 0),
  -- Annual running costs in yen: FY2018 (the target's base), just before migration, and after migration the
  -- part the platform does not bill (own network, other vendors' systems).
  baseline_cost_fy2018 bigint CHECK (baseline_cost_fy2018 >= 0),
  pre_migration_cost bigint CHECK (pre_migration_cost >= 0),
  other_running_cost bigint NOT NULL DEFAULT 0 CHECK (other_running_cost >= 0),
  onboarded_at timestamptz NOT NULL DEFAULT now(),
  onboarded_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- 手順書: a version of the migration procedure, as data, so that a later version's finer steps load the same way.
CREATE TABLE migration_procedure (
  version text PRIMARY KEY CHECK (version ~ '^[A-Za-z0-9._-]{1,32}$'),
  title text NOT NULL,
  source text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE migration_step (
  version text NOT NULL REFERENCES migration_procedure ON DELETE CASCADE,
  step_no integer NOT NULL CHECK (step_no > 0),
  phase text NOT NULL CHECK (phase IN ('planning', 'selection', 'migration')),
  name text NOT NULL,
  -- For a finer version: the work item (①–⑰ of version 1.0) the step belongs to.
  work_item integer CHECK (work_item BETWEEN 1 AND 17),
  PRIMARY KEY (version, step_no)
);
ALTER TABLE operator_municipality ADD FOREIGN KEY (procedure_version) REFERENCES migration_procedure;

-- 進捗: per 団体, business and step. A step without a row is 未着手.
CREATE TABLE migration_progress (
  tenant_code text NOT NULL REFERENCES operator_municipality,
  business text NOT NULL,
  version text NOT NULL,
  step_no integer NOT NULL,
  status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed', 'not_applicable')),
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  -- 特定移行支援システム's causes: mainframe, custom development, no standard system yet, vendor resources; or other.
  blocker_cause text CHECK (blocker_cause IN ('mainframe', 'custom-development', 'no-standard-system', 'vendor-resources', 'other')),
  blocker text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_code, business, version, step_no),
  FOREIGN KEY (version, step_no) REFERENCES migration_step
);

-- 共通費用: the platform's monthly shared costs and the key each is split by.
CREATE TABLE shared_cost (
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  category text NOT NULL CHECK (category IN ('cloud', 'network', 'operations')),
  amount bigint NOT NULL CHECK (amount >= 0),
  allocation_key text NOT NULL CHECK (allocation_key IN ('equal', 'population', 'usage')),
  usage_metric text CHECK (usage_metric IN ('storedBytes', 'storedRows', 'apiRequests', 'jobCpuSeconds', 'certificates')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (month, category),
  CHECK ((allocation_key = 'usage') = (usage_metric IS NOT NULL))
);
