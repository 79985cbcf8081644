-- 特別な事由 (1.1.4 j40): 特別養子縁組, その解消, 性別の変更. A 異動 recorded for one is kept in the
-- history like any other, but certificates leave its history lines out unless asked (certificates/issue.ts).
ALTER TABLE resident_change ADD COLUMN special_reason text
  CHECK (special_reason IN ('special_adoption', 'special_adoption_dissolution', 'gender_change'));
