-- Regulars notebook: who sent whom. A customer may be marked as referred by
-- another; forgetting or merging away the one who sent them leaves nobody
-- (merge points them at the survivor first).
ALTER TABLE customers ADD COLUMN referred_by INTEGER REFERENCES customers (id) ON DELETE SET NULL;
CREATE INDEX customers_referred_by ON customers (referred_by) WHERE referred_by IS NOT NULL;
