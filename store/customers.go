package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
	"unicode"

	"regulars/model"
)

const customerCols = `id, name, nickname, phone, email, bday_year, bday_month, bday_day,
	anniv_year, anniv_month, anniv_day, partner, children, interests, usual, tags,
	created_at, archived_at, addr_street, addr_postcode, addr_town, addr_country, referred_by`

type scanner interface{ Scan(dest ...any) error }

func scanCustomer(r scanner) (*model.Customer, error) {
	var c model.Customer
	var bm, am int
	var tags, created string
	var archived sql.NullString
	var referredBy sql.NullInt64
	err := r.Scan(&c.ID, &c.Name, &c.Nickname, &c.Phone, &c.Email,
		&c.Birthday.Year, &bm, &c.Birthday.Day,
		&c.Anniversary.Year, &am, &c.Anniversary.Day,
		&c.Partner, &c.Children, &c.Interests, &c.Usual, &tags, &created, &archived,
		&c.Address.Street, &c.Address.Postcode, &c.Address.Town, &c.Address.Country, &referredBy)
	if err != nil {
		return nil, err
	}
	c.Birthday.Month = time.Month(bm)
	c.Anniversary.Month = time.Month(am)
	if c.Birthday.Month == 0 {
		c.Birthday = model.MonthDay{}
	}
	if c.Anniversary.Month == 0 {
		c.Anniversary = model.MonthDay{}
	}
	c.Tags = splitTags(tags)
	c.Created = parseTime(created)
	c.Archived = archived.Valid
	c.ReferredBy = referredBy.Int64
	return &c, nil
}

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func customerArgs(c *model.Customer) []any {
	return []any{c.Name, c.Nickname, c.Phone, model.PhoneDigits(c.Phone), c.Email,
		c.Birthday.Year, int(c.Birthday.Month), c.Birthday.Day,
		c.Anniversary.Year, int(c.Anniversary.Month), c.Anniversary.Day,
		c.Partner, c.Children, c.Interests, c.Usual, strings.Join(c.Tags, ","),
		c.Address.Street, c.Address.Postcode, c.Address.Town, c.Address.Country, referrerArg(c)}
}

// CreateCustomer validates c and adds it, setting c.ID and c.Created.
func (s *Store) CreateCustomer(ctx context.Context, c *model.Customer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := c.CheckDates(s.Today()); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return createCustomer(ctx, tx, c, s.Now())
	})
}

func createCustomer(ctx context.Context, tx *sql.Tx, c *model.Customer, now time.Time) error {
	if c.Created.IsZero() {
		c.Created = now
	}
	if err := checkReferrer(ctx, tx, c); err != nil {
		return err
	}
	args := append(customerArgs(c), formatTime(c.Created))
	res, err := tx.ExecContext(ctx, `INSERT INTO customers (name, nickname, phone, phone_digits, email,
		bday_year, bday_month, bday_day, anniv_year, anniv_month, anniv_day,
		partner, children, interests, usual, tags, addr_street, addr_postcode, addr_town, addr_country, referred_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return writeContacts(ctx, tx, c)
}

// Customer returns the customer with the given id, archived or not.
func (s *Store) Customer(ctx context.Context, id int64) (*model.Customer, error) {
	var c *model.Customer
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = getCustomer(ctx, tx, id)
		return err
	})
	return c, err
}

func getCustomer(ctx context.Context, tx querier, id int64) (*model.Customer, error) {
	c, err := scanCustomer(tx.QueryRowContext(ctx, `SELECT `+customerCols+` FROM customers WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, model.Errorf(model.ENOTFOUND, "there is no customer #%d", id)
	}
	if err != nil {
		return nil, err
	}
	return c, readContacts(ctx, tx, c)
}

// UpdateCustomer applies u to the customer and returns the result.
func (s *Store) UpdateCustomer(ctx context.Context, id int64, u model.CustomerUpdate) (*model.Customer, error) {
	var c *model.Customer
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		if c, err = getCustomer(ctx, tx, id); err != nil {
			return err
		}
		u.Apply(c)
		if err := c.Validate(); err != nil {
			return err
		}
		if err := c.CheckDates(s.Today()); err != nil {
			return err
		}
		return saveCustomer(ctx, tx, c)
	})
	return c, err
}

// saveCustomer writes a validated customer's fields and contacts over the
// stored ones.
func saveCustomer(ctx context.Context, tx *sql.Tx, c *model.Customer) error {
	if err := checkReferrer(ctx, tx, c); err != nil {
		return err
	}
	args := append(customerArgs(c), c.ID)
	_, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, nickname = ?, phone = ?, phone_digits = ?,
		email = ?, bday_year = ?, bday_month = ?, bday_day = ?, anniv_year = ?, anniv_month = ?,
		anniv_day = ?, partner = ?, children = ?, interests = ?, usual = ?, tags = ?,
		addr_street = ?, addr_postcode = ?, addr_town = ?, addr_country = ?, referred_by = ? WHERE id = ?`, args...)
	if err != nil {
		return err
	}
	return writeContacts(ctx, tx, c)
}

// ArchiveCustomer hides a customer from the list and the week; nothing about
// them is deleted.
func (s *Store) ArchiveCustomer(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		c, err := getCustomer(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Archived {
			return model.Errorf(model.ECONFLICT, "%s is already archived", c.Name)
		}
		_, err = tx.ExecContext(ctx, `UPDATE customers SET archived_at = ? WHERE id = ?`, formatTime(s.Now()), id)
		return err
	})
}

// UnarchiveCustomer brings an archived customer back.
func (s *Store) UnarchiveCustomer(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getCustomer(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE customers SET archived_at = NULL WHERE id = ?`, id)
		return err
	})
}

// Resolve finds the one active customer meant by who: an id ("42" or "#42")
// or a name query. When several match, it returns an ECONFLICT error and the
// candidates; when none match, ENOTFOUND.
func (s *Store) Resolve(ctx context.Context, who string) (*model.Customer, []Match, error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return nil, nil, model.Errorf(model.EINVALID, "say who: a customer id or a name")
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(who, "#"), 10, 64); err == nil && id > 0 {
		c, err := s.Customer(ctx, id)
		if err == nil || !strings.HasPrefix(who, "#") && len(who) < 6 {
			return c, nil, err
		}
		// A longer run of digits may be a phone number: fall through.
	}
	// Punctuation or symbols alone ("%", "*", ".", an emoji) name nobody;
	// as a filter they would match everyone, and a note would go to the
	// only customer.
	if !strings.ContainsFunc(who, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return nil, nil, model.Errorf(model.ENOTFOUND, "no customer matches %q: say who with a name or an id", who)
	}
	page, err := s.ListPage(ctx, SearchQuery{Text: who, Limit: 20, NamesOnly: true})
	if err != nil {
		return nil, nil, err
	}
	matches := page.Rows
	// An exact name (ignoring case) wins over prefix matches.
	var exact []Match
	for _, m := range matches {
		if strings.EqualFold(m.Name, who) {
			exact = append(exact, m)
		}
	}
	if len(exact) == 1 {
		matches = exact
	}
	switch len(matches) {
	case 0:
		return nil, nil, model.Errorf(model.ENOTFOUND, "no customer matches %q", who)
	case 1:
		c, err := s.Customer(ctx, matches[0].ID)
		return c, nil, err
	}
	return nil, matches, model.Errorf(model.ECONFLICT, "%d customers match %q; say which by id", len(matches), who)
}
