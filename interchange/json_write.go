package interchange

import (
	"fmt"
	"io"

	"regulars/model"
)

// The JSON format holds the whole notebook: each customer with their notes,
// visits, thank-yous, feedback and outreach nested inside, so the file
// needs no database ids and imports into any notebook. Times are UTC as the
// notebook stores them, days are YYYY-MM-DD, birthdays YYYY-MM-DD or --MM-DD,
// money integer cents. Exporting, importing into an empty notebook and
// exporting again gives the same bytes.

// jsonFormat and jsonVersion mark a Regulars JSON file.
const (
	jsonFormat  = "regulars"
	jsonVersion = 2 // 2: each customer's "uid"
)

type jsonNotebook struct {
	Format    string         `json:"format"`
	Version   int            `json:"version"`
	Customers []jsonCustomer `json:"customers"`
}

type jsonCustomer struct {
	UID         string         `json:"uid,omitempty"`
	Name        string         `json:"name"`
	Nickname    string         `json:"nickname,omitempty"`
	Phone       string         `json:"phone,omitempty"`
	Email       string         `json:"email,omitempty"`
	Phones      []jsonContact  `json:"phones,omitempty"` // all of them, when there is more than the one above
	Emails      []jsonContact  `json:"emails,omitempty"`
	Address     *jsonAddress   `json:"address,omitempty"`
	Birthday    string         `json:"birthday,omitempty"`
	Anniversary string         `json:"anniversary,omitempty"`
	Partner     string         `json:"partner,omitempty"`
	Children    string         `json:"children,omitempty"`
	Interests   string         `json:"interests,omitempty"`
	Usual       string         `json:"usual,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	Created     string         `json:"created"`
	Archived    string         `json:"archived,omitempty"` // when
	Notes       []jsonNote     `json:"notes,omitempty"`
	Visits      []jsonVisit    `json:"visits,omitempty"`
	ThankYous   []jsonThankYou `json:"thank_yous,omitempty"`
	Feedback    []jsonFeedback `json:"feedback,omitempty"`
	Outreach    []jsonOutreach `json:"outreach,omitempty"`
	Week        []jsonWeekItem `json:"week,omitempty"`
}

// jsonContact is one phone or e-mail.
type jsonContact struct {
	Label     string `json:"label"`
	Value     string `json:"value"`
	Preferred bool   `json:"preferred,omitempty"`
}

// jsonAddress is the postal address; street lines are separated by "\n".
type jsonAddress struct {
	Street   string `json:"street,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	Town     string `json:"town,omitempty"`
	Country  string `json:"country,omitempty"`
}

// jsonContacts is the list to write: none when it says no more than the
// single phone or e-mail does (one, preferred, unlabelled), so a customer
// with one of each is written as before customers had several.
func jsonContacts(list []model.Contact, single string) []jsonContact {
	if len(list) == 0 || len(list) == 1 && list[0].Value == single && (list[0].Label == model.Other || list[0].Label == "") {
		return nil
	}
	out := make([]jsonContact, len(list))
	for i, k := range list {
		l := string(k.Label)
		if l == "" {
			l = string(model.Other)
		}
		out[i] = jsonContact{Label: l, Value: k.Value, Preferred: k.Preferred}
	}
	return out
}

// jsonWeekItem is a WeekItem in the file.
type jsonWeekItem struct {
	Kind         string `json:"kind"`
	Key          string `json:"key,omitempty"`
	State        string `json:"state"`
	Week         string `json:"week"`
	Day          string `json:"day"`
	Reason       string `json:"reason"`
	Due          string `json:"due"`
	Outreach     int    `json:"outreach,omitempty"` // 1-based positions in this customer's lists
	ThankYou     int    `json:"thank_you,omitempty"`
	MadeThankYou bool   `json:"made_thank_you,omitempty"`
	Note         int    `json:"note,omitempty"`
	Feedback     int    `json:"feedback,omitempty"`
	Visit        int    `json:"visit,omitempty"`
	Created      string `json:"created"`
}

type jsonNote struct {
	Text    string `json:"text"`
	Created string `json:"created"`
	AskOn   string `json:"ask_on,omitempty"`
	Asked   string `json:"asked,omitempty"` // when
	Private bool   `json:"private,omitempty"`
}

type jsonVisit struct {
	On    string `json:"on"`
	Cents int64  `json:"cents"`
	What  string `json:"what,omitempty"`
}

type jsonThankYou struct {
	Reason  string `json:"reason"`
	Due     string `json:"due"`
	Created string `json:"created"`
	Sent    string `json:"sent,omitempty"`  // when
	Visit   int    `json:"visit,omitempty"` // 1-based position in this customer's visits
}

type jsonFeedback struct {
	On      string `json:"on"`
	Rating  int    `json:"rating"`
	Comment string `json:"comment,omitempty"`
	Replied string `json:"replied,omitempty"` // when
}

type jsonOutreach struct {
	On      string `json:"on"`
	Channel string `json:"channel"`
	About   string `json:"about,omitempty"`
	Note    string `json:"note,omitempty"`
	Created string `json:"created"`
}

// JSONWriter writes the whole notebook as JSON, one customer at a time.
// The bytes are those of encoding/json indenting the whole notebook at
// once, so files written before and after streaming compare equal.
type JSONWriter struct {
	w   io.Writer
	n   int
	enc jsonEnc
	jc  jsonCustomer // reused: its lists keep their room from one customer to the next
}

// NewJSONWriter writes the head of the file, up to the list of customers.
func NewJSONWriter(w io.Writer) (*JSONWriter, error) {
	jw := &JSONWriter{w: w}
	_, err := fmt.Fprintf(w, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"customers\": [", jsonFormat, jsonVersion)
	if err != nil {
		return nil, writeError(err)
	}
	return jw, nil
}

// Write writes one customer with everything recorded about them.
func (jw *JSONWriter) Write(rec *Record) error {
	e := &jw.enc
	e.b = e.b[:0]
	if jw.n == 0 {
		e.b = append(e.b, "\n    "...)
	} else {
		e.b = append(e.b, ",\n    "...)
	}
	jw.n++
	fillJSONCustomer(&jw.jc, rec)
	e.customer(&jw.jc)
	_, err := jw.w.Write(e.b)
	return writeError(err)
}

// Close ends the list and the file.
func (jw *JSONWriter) Close() error {
	end := "\n  ]\n}\n"
	if jw.n == 0 {
		end = "]\n}\n"
	}
	_, err := io.WriteString(jw.w, end)
	return writeError(err)
}

// jsonCustomerOf is the JSON of one customer; records name each other by
// 1-based positions in the customer's lists.
func jsonCustomerOf(rec *Record) jsonCustomer {
	var jc jsonCustomer
	fillJSONCustomer(&jc, rec)
	return jc
}

// fillJSONCustomer sets *jc to the JSON of rec, reusing jc's lists.
func fillJSONCustomer(jc *jsonCustomer, rec *Record) {
	c := &rec.Customer
	*jc = jsonCustomer{
		UID: rec.UID, Name: c.Name, Nickname: c.Nickname, Phone: c.Phone, Email: c.Email,
		Birthday: c.Birthday.String(), Anniversary: c.Anniversary.String(),
		Partner: c.Partner, Children: c.Children, Interests: c.Interests, Usual: c.Usual,
		Tags: c.Tags, Created: formatTime(c.Created),
		Phones: jsonContacts(c.Phones, c.Phone), Emails: jsonContacts(c.Emails, c.Email),
		Notes: jc.Notes[:0], Visits: jc.Visits[:0], ThankYous: jc.ThankYous[:0],
		Feedback: jc.Feedback[:0], Outreach: jc.Outreach[:0], Week: jc.Week[:0],
	}
	if a := c.Address; !a.IsZero() {
		jc.Address = &jsonAddress{Street: a.Street, Postcode: a.Postcode, Town: a.Town, Country: a.Country}
	}
	if c.Archived {
		jc.Archived = formatTime(rec.ArchivedAt)
	}
	for i, n := range rec.Notes {
		jn := jsonNote{Text: n.Text, Created: formatTime(n.Created), AskOn: n.AskOn.String(), Private: n.Private}
		if at, ok := rec.NoteAskedAt[i]; ok {
			jn.Asked = formatTime(at)
		}
		jc.Notes = append(jc.Notes, jn)
	}
	for _, v := range rec.Visits {
		jc.Visits = append(jc.Visits, jsonVisit{On: v.On.String(), Cents: v.Cents, What: v.What})
	}
	for i, t := range rec.ThankYous {
		jt := jsonThankYou{Reason: t.Reason, Due: t.Due.String(), Created: formatTime(t.Created)}
		if t.Sent {
			jt.Sent = formatTime(t.SentAt)
		}
		if vi, ok := rec.ThankYouVisit[i]; ok {
			jt.Visit = vi + 1
		}
		jc.ThankYous = append(jc.ThankYous, jt)
	}
	for _, f := range rec.Feedback {
		jf := jsonFeedback{On: f.On.String(), Rating: f.Rating, Comment: f.Comment}
		if f.Replied {
			jf.Replied = formatTime(f.RepliedAt)
		}
		jc.Feedback = append(jc.Feedback, jf)
	}
	for _, o := range rec.Outreach {
		jc.Outreach = append(jc.Outreach, jsonOutreach{On: o.On.String(), Channel: string(o.Channel), About: o.About, Note: o.Note, Created: formatTime(o.Created)})
	}
	for _, w := range rec.Week {
		jc.Week = append(jc.Week, jsonWeekItem{Kind: w.Kind, Key: w.Key, State: w.State, Week: w.Week.String(),
			Day: w.Day.String(), Reason: w.Reason, Due: w.Due.String(), Outreach: w.Outreach, ThankYou: w.ThankYou,
			MadeThankYou: w.MadeThankYou, Note: w.Note, Feedback: w.Feedback, Visit: w.Visit, Created: formatTime(w.Created)})
	}
}
