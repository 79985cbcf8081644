-- 住登外の納税義務者 (individual-resident-tax): entered on the roll by staff from the addressee register
-- (non_resident.ts), with why they owe tax here:
--   residence  had their 住所 here on 1 January without being registered (assessed in full)
--   house      had their 住所 elsewhere and a 事務所・事業所・家屋敷 here (均等割 only: 地方税法24条1項2号, 294条1項2号)
ALTER TABLE resident_tax_taxpayer
  ADD COLUMN liability text NOT NULL DEFAULT 'residence' CHECK (liability IN ('residence', 'house')),
  ADD COLUMN entered_by uuid,
  ADD COLUMN entered_at timestamptz NOT NULL DEFAULT now(),
  ADD CHECK (liability = 'residence' OR registration = 'nonResident');
