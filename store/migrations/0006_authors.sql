-- Regulars notebook, version 6: who wrote what.
-- When staff share the notebook (regulars serve), every note, visit,
-- feedback, thank-you and outreach entry records its author: the person's
-- name from the people file, or --as NAME. Empty means the owner at the
-- notebook's own terminal, as every record written before this version.
ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE thank_yous ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE outreach ADD COLUMN author TEXT NOT NULL DEFAULT '';
