package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"regulars/interchange"
	"regulars/model"
)

// SurveyOptions says how to apply a survey.
type SurveyOptions struct {
	DryRun bool // match and count, change nothing
	// AddUnknown adds a customer for each response that matches nobody,
	// instead of listing it as unmatched.
	AddUnknown bool
}

// SurveyResult says what applying a survey did, or would do.
type SurveyResult struct {
	Read      int
	Added     []SurveyFeedback // feedback written, one a response
	Already   int              // responses imported before (same customer, day and comment)
	Unmatched []SurveyUnmatched
	New       []Added // customers added for unknown responses (AddUnknown)
	Errors    []interchange.RecordError
	DryRun    bool
}

// SurveyFeedback is one response written as feedback.
type SurveyFeedback struct {
	Where      string
	CustomerID int64
	Name       string
	Rating     int
	Comment    string
}

// Unhappy reports whether the response waits for a personal reply.
func (f SurveyFeedback) Unhappy() bool { return f.Rating <= model.UnhappyRating }

// SurveyUnmatched is a response whose person is not in the notebook.
type SurveyUnmatched struct {
	Where string
	Who   string // the e-mail, phone or name the response gave
}

// ImportSurvey writes each response of a survey as feedback on the
// customer it names: matched by e-mail, then by phone digits, then by the
// exact name (ignoring case and spacing), any of the customer's phones and
// e-mails. The rating is the lowest the person gave; the comment names the
// categories rated UnhappyRating or lower (interchange.SurveyComment), so
// an unhappy response reaches the week with what went wrong. A response
// already in the notebook (same customer, day and comment) is counted,
// not written again, so a survey imported twice adds nothing the second
// time. All in one transaction.
func (s *Store) ImportSurvey(ctx context.Context, sv *interchange.Survey, opts SurveyOptions) (*SurveyResult, error) {
	res := &SurveyResult{Read: len(sv.Responses) + len(sv.Errors), Errors: append([]interchange.RecordError(nil), sv.Errors...), DryRun: opts.DryRun}
	today := s.Today()
	run := s.tx
	if opts.DryRun {
		run = s.readTx
	}
	err := run(ctx, func(tx *sql.Tx) error {
		m, err := loadSurveyMatcher(ctx, tx)
		if err != nil {
			return err
		}
		for i := range sv.Responses {
			r := &sv.Responses[i]
			who := firstOf(r.Email, r.Phone, r.Name)
			if r.On.After(today) {
				res.Errors = append(res.Errors, interchange.RecordError{Where: r.Where, Name: who, Reason: "the response is dated " + r.On.String() + ", after today"})
				continue
			}
			fb := model.Feedback{On: r.On, Rating: r.Lowest(), Comment: interchange.SurveyComment(r, sv.Categories)}
			if err := fb.Validate(); err != nil {
				res.Errors = append(res.Errors, interchange.RecordError{Where: r.Where, Name: who, Reason: model.ErrorMessage(err)})
				continue
			}
			id, name := m.match(r)
			if id == 0 && !opts.AddUnknown {
				res.Unmatched = append(res.Unmatched, SurveyUnmatched{Where: r.Where, Who: who})
				continue
			}
			if id == 0 {
				c := model.Customer{Name: firstOf(r.Name, r.Email, r.Phone), Email: r.Email, Phone: r.Phone}
				if err := c.Validate(); err != nil {
					res.Errors = append(res.Errors, interchange.RecordError{Where: r.Where, Name: who, Reason: model.ErrorMessage(err)})
					continue
				}
				if !opts.DryRun {
					if err := createImported(ctx, tx, &c, s.Now()); err != nil {
						return err
					}
				} else {
					c.ID = -int64(len(res.New) + 1) // a stand-in, so later responses of the same person match
				}
				m.add(c.ID, &c)
				res.New = append(res.New, Added{Where: r.Where, ID: c.ID, Name: c.Name})
				id, name = c.ID, c.Name
			}
			var dup int
			if id > 0 {
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feedback WHERE customer_id = ? AND day = ? AND comment = ?`,
					id, fb.On.String(), fb.Comment).Scan(&dup); err != nil {
					return err
				}
			}
			if dup > 0 || m.seen[surveyKey(id, &fb)] {
				res.Already++
				continue
			}
			m.seen[surveyKey(id, &fb)] = true
			fb.CustomerID = id
			if !opts.DryRun {
				if err := insertFeedback(ctx, tx, &fb, s.Now()); err != nil {
					return err
				}
			}
			res.Added = append(res.Added, SurveyFeedback{Where: r.Where, CustomerID: id, Name: name, Rating: fb.Rating, Comment: fb.Comment})
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	return res, nil
}

func surveyKey(id int64, fb *model.Feedback) string {
	return strconv.FormatInt(id, 10) + "\x00" + fb.On.String() + "\x00" + fb.Comment
}

func firstOf(l ...string) string {
	for _, s := range l {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// surveyMatcher finds customers by e-mail, phone digits and name.
type surveyMatcher struct {
	email, digits, name map[string]int64
	names               map[int64]string
	seen                map[string]bool // responses written by this import
}

func loadSurveyMatcher(ctx context.Context, tx *sql.Tx) (*surveyMatcher, error) {
	m := &surveyMatcher{email: map[string]int64{}, digits: map[string]int64{}, name: map[string]int64{}, names: map[int64]string{}, seen: map[string]bool{}}
	// Customers who are not archived first, then by id: the first one
	// found for a key keeps it.
	rows, err := tx.QueryContext(ctx, `SELECT id, name, email, phone_digits FROM customers ORDER BY archived_at IS NOT NULL, id`)
	if err != nil {
		return nil, err
	}
	var order []int64
	for rows.Next() {
		var id int64
		var name, email, digits string
		if err := rows.Scan(&id, &name, &email, &digits); err != nil {
			rows.Close()
			return nil, err
		}
		order = append(order, id)
		m.names[id] = name
		m.put(m.email, emailKey(email), id)
		m.put(m.digits, digits, id)
		m.put(m.name, nameKey(name), id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT customer_id, kind, value, digits FROM contacts ORDER BY customer_id, position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, value, digits string
		if err := rows.Scan(&id, &kind, &value, &digits); err != nil {
			return nil, err
		}
		if kind == "email" {
			m.put(m.email, emailKey(value), id)
		} else {
			m.put(m.digits, digits, id)
		}
	}
	return m, rows.Err()
}

func (m *surveyMatcher) put(to map[string]int64, k string, id int64) {
	if _, ok := to[k]; k != "" && !ok {
		to[k] = id
	}
}

func (m *surveyMatcher) add(id int64, c *model.Customer) {
	m.names[id] = c.Name
	m.put(m.email, emailKey(c.Email), id)
	m.put(m.digits, model.PhoneDigits(c.Phone), id)
	m.put(m.name, nameKey(c.Name), id)
}

// match returns the customer a response names, or 0.
func (m *surveyMatcher) match(r *interchange.SurveyResponse) (int64, string) {
	if id, ok := m.email[emailKey(r.Email)]; ok && r.Email != "" {
		return id, m.names[id]
	}
	if d := model.PhoneDigits(r.Phone); d != "" {
		if id, ok := m.digits[d]; ok {
			return id, m.names[id]
		}
		// With or without the country code, and with the national
		// trunk 0 ("0170 …" is "+49 170 …"); the lowest id on a tie.
		best := int64(0)
		for k, id := range m.digits {
			if (samePhone(d, k) || samePhone(strings.TrimLeft(d, "0"), strings.TrimLeft(k, "0"))) && (best == 0 || id < best) {
				best = id
			}
		}
		if best != 0 {
			return best, m.names[best]
		}
	}
	if id, ok := m.name[nameKey(r.Name)]; ok && r.Name != "" {
		return id, m.names[id]
	}
	return 0, ""
}
