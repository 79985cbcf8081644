-- 賦課取消 (individual-resident-tax): a taxpayer who was not liable after all (died or moved out before
-- 1 January, recorded late: the 課税の要確認 list) gets a last version of kind 'cancellation' with tax 0 and
-- its reason; the versions before stay as they were. A later 更正 may assess them again.
ALTER TABLE resident_tax_assessment
  DROP CONSTRAINT resident_tax_assessment_kind_check,
  ADD CONSTRAINT resident_tax_assessment_kind_check CHECK (kind IN ('initial', 'reassessment', 'cancellation'));
