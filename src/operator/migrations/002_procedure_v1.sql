-- 手順書 第1.0版 (総務省「自治体情報システムの標準化・共通化に係る手順書」2021-07-07), 第2章3 フェーズごとの作業項目:
-- 17 work items in three phases (計画立案 ①–④, システム選定 ⑤–⑫, 移行 ⑬–⑰). Only ①'s name was confirmed
-- against the document's text; the others are named by number until the names are loaded from the document
-- (PUT /api/v1/operator/procedures/1.0 with the same steps renamed). Later versions' finer steps (40 in the
-- current PMO tool) load the same way under their own version.
INSERT INTO migration_procedure (version, title, source) VALUES
  ('1.0', '自治体情報システムの標準化・共通化に係る手順書 第1.0版（17作業項目）', 'https://www.soumu.go.jp/main_content/000770544.pdf');
INSERT INTO migration_step (version, step_no, phase, name, work_item) VALUES
  ('1.0', 1, 'planning', '推進体制の立ち上げ', 1),
  ('1.0', 2, 'planning', '作業項目②', 2),
  ('1.0', 3, 'planning', '作業項目③', 3),
  ('1.0', 4, 'planning', '作業項目④', 4),
  ('1.0', 5, 'selection', '作業項目⑤', 5),
  ('1.0', 6, 'selection', '作業項目⑥', 6),
  ('1.0', 7, 'selection', '作業項目⑦', 7),
  ('1.0', 8, 'selection', '作業項目⑧', 8),
  ('1.0', 9, 'selection', '作業項目⑨', 9),
  ('1.0', 10, 'selection', '作業項目⑩', 10),
  ('1.0', 11, 'selection', '作業項目⑪', 11),
  ('1.0', 12, 'selection', '作業項目⑫', 12),
  ('1.0', 13, 'migration', '作業項目⑬', 13),
  ('1.0', 14, 'migration', '作業項目⑭', 14),
  ('1.0', 15, 'migration', '作業項目⑮', 15),
  ('1.0', 16, 'migration', '作業項目⑯', 16),
  ('1.0', 17, 'migration', '作業項目⑰', 17);
