package interchange

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// stdJSON is what encoding/json writes for one customer inside the file's
// list, as the writer wrote it before it had its own encoder.
func stdJSON(t testing.TB, jc *jsonCustomer) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(jc); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func ownJSON(jc *jsonCustomer) []byte {
	var e jsonEnc
	e.customer(jc)
	return e.b
}

// jsonEncStrings are the strings the encoders must agree on: every ASCII
// control character, quotes and backslashes, HTML's specials, invalid
// UTF-8, the separators JavaScript reads as line ends, and text beyond the
// basic plane.
var jsonEncStrings = []string{"", "Anna", "a\"b\\c", "<b>&amp;</b>", "\x00\x01\x07\b\t\n\v\f\r\x1b\x1f\x7f",
	"caf\u00e9 \u00fc\u00df", "\u2028\u2029", "\xff\xfe", "a\xc3", "\xed\xa0\x80", "\U0001F600", "日本語", "\ufffd", " ", "/"}

func randString(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return jsonEncStrings[r.IntN(len(jsonEncStrings))]
	}
	b := make([]byte, r.IntN(12))
	for i := range b {
		if r.IntN(4) == 0 {
			b[i] = byte(r.IntN(256))
		} else {
			b[i] = byte(r.IntN(0x60) + 0x20)
		}
	}
	return string(b)
}

// randCustomer fills every field, each left empty at random, so every
// omitempty is taken both ways.
func randCustomer(r *rand.Rand) *jsonCustomer {
	s := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		return randString(r)
	}
	n := func() int { return r.IntN(4) }
	i := func() int {
		if r.IntN(2) == 0 {
			return 0
		}
		return r.IntN(2000) - 1000
	}
	b := func() bool { return r.IntN(2) == 0 }
	jc := &jsonCustomer{UID: s(), Name: s(), Nickname: s(), Phone: s(), Email: s(), Birthday: s(), Anniversary: s(),
		Partner: s(), Children: s(), Interests: s(), Usual: s(), Created: s(), Archived: s()}
	for range n() {
		jc.Phones = append(jc.Phones, jsonContact{Label: s(), Value: s(), Preferred: b()})
	}
	for range n() {
		jc.Emails = append(jc.Emails, jsonContact{Label: s(), Value: s(), Preferred: b()})
	}
	if b() {
		jc.Address = &jsonAddress{Street: s(), Postcode: s(), Town: s(), Country: s()}
	}
	for range n() {
		jc.Tags = append(jc.Tags, s())
	}
	if b() {
		jc.Tags = []string{} // empty, not nil: omitted too
	}
	for range n() {
		jc.Notes = append(jc.Notes, jsonNote{Text: s(), Created: s(), AskOn: s(), Asked: s(), Private: b()})
	}
	for range n() {
		jc.Visits = append(jc.Visits, jsonVisit{On: s(), Cents: int64(i()) * 1e12, What: s()})
	}
	for range n() {
		jc.ThankYous = append(jc.ThankYous, jsonThankYou{Reason: s(), Due: s(), Created: s(), Sent: s(), Visit: i()})
	}
	for range n() {
		jc.Feedback = append(jc.Feedback, jsonFeedback{On: s(), Rating: i(), Comment: s(), Replied: s()})
	}
	for range n() {
		jc.Outreach = append(jc.Outreach, jsonOutreach{On: s(), Channel: s(), About: s(), Note: s(), Created: s()})
	}
	for range n() {
		jc.Week = append(jc.Week, jsonWeekItem{Kind: s(), Key: s(), State: s(), Week: s(), Day: s(), Reason: s(), Due: s(),
			Outreach: i(), ThankYou: i(), MadeThankYou: b(), Note: i(), Feedback: i(), Visit: i(), Created: s()})
	}
	return jc
}

// TestJSONEncodeMatchesEncodingJSON: the writer's own encoder writes the
// bytes encoding/json writes, for customers with every field set or empty
// and strings that need escaping.
func TestJSONEncodeMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		jc := randCustomer(r)
		if want, got := stdJSON(t, jc), ownJSON(jc); !bytes.Equal(want, got) {
			t.Fatalf("customer %d: encoding/json wrote\n%s\nthe writer wrote\n%s", n, want, got)
		}
	}
	// The empty customer: no list, no address, only the fields never omitted.
	if want, got := stdJSON(t, &jsonCustomer{}), ownJSON(&jsonCustomer{}); !bytes.Equal(want, got) {
		t.Fatalf("encoding/json wrote\n%s\nthe writer wrote\n%s", want, got)
	}
	// An address with nothing in it is written as an empty object.
	empty := &jsonCustomer{Address: &jsonAddress{}}
	if want, got := stdJSON(t, empty), ownJSON(empty); !bytes.Equal(want, got) {
		t.Fatalf("encoding/json wrote\n%s\nthe writer wrote\n%s", want, got)
	}
}

// FuzzJSONEncode: any text in any field is written as encoding/json writes it.
func FuzzJSONEncode(f *testing.F) {
	for _, s := range jsonEncStrings {
		f.Add(s, s, int64(len(s)))
	}
	f.Fuzz(func(t *testing.T, a, b string, n int64) {
		jc := &jsonCustomer{UID: a, Name: b, Tags: []string{a, b}, Created: a,
			Notes:  []jsonNote{{Text: a, Created: b, Private: n%2 == 0}},
			Visits: []jsonVisit{{On: b, Cents: n, What: a}}, Address: &jsonAddress{Town: b}}
		if want, got := stdJSON(t, jc), ownJSON(jc); !bytes.Equal(want, got) {
			t.Fatalf("encoding/json wrote\n%s\nthe writer wrote\n%s", want, got)
		}
	})
}
