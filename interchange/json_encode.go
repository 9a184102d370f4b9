package interchange

import (
	"strconv"
	"unicode/utf8"
)

// jsonEnc writes one customer of the JSON file as encoding/json does with
// SetEscapeHTML(false) and SetIndent("    ", "  "), byte for byte, without
// reflection or a second pass to indent: the export's cost at 100,000
// customers was half in encoding/json. TestJSONEncodeMatchesEncodingJSON
// and FuzzJSONEncode hold it to encoding/json's bytes.
type jsonEnc struct {
	b   []byte
	cnt []int // items written at each open level
}

// newline starts a line at the current level.
func (e *jsonEnc) newline() {
	e.b = append(e.b, "\n    "...)
	for range len(e.cnt) {
		e.b = append(e.b, "  "...)
	}
}

func (e *jsonEnc) open(c byte) {
	e.b = append(e.b, c)
	e.cnt = append(e.cnt, 0)
}

func (e *jsonEnc) close(c byte) {
	n := e.cnt[len(e.cnt)-1]
	e.cnt = e.cnt[:len(e.cnt)-1]
	if n > 0 {
		e.newline()
	}
	e.b = append(e.b, c)
}

// item starts the next element of the open object or array.
func (e *jsonEnc) item() {
	top := len(e.cnt) - 1
	if e.cnt[top] > 0 {
		e.b = append(e.b, ',')
	}
	e.cnt[top]++
	e.newline()
}

func (e *jsonEnc) key(k string) {
	e.item()
	e.b = append(e.b, '"')
	e.b = append(e.b, k...)
	e.b = append(e.b, `": `...)
}

func (e *jsonEnc) str(k, v string) {
	e.key(k)
	e.b = appendJSONString(e.b, v)
}

// strOmit is a string field tagged omitempty.
func (e *jsonEnc) strOmit(k, v string) {
	if v != "" {
		e.str(k, v)
	}
}

func (e *jsonEnc) int(k string, v int64) {
	e.key(k)
	e.b = strconv.AppendInt(e.b, v, 10)
}

func (e *jsonEnc) intOmit(k string, v int64) {
	if v != 0 {
		e.int(k, v)
	}
}

func (e *jsonEnc) trueOmit(k string, v bool) {
	if v {
		e.key(k)
		e.b = append(e.b, "true"...)
	}
}

// customer writes one customer at the list's level.
func (e *jsonEnc) customer(c *jsonCustomer) {
	e.open('{')
	e.strOmit("uid", c.UID)
	e.str("name", c.Name)
	e.strOmit("nickname", c.Nickname)
	e.strOmit("phone", c.Phone)
	e.strOmit("email", c.Email)
	e.contacts("phones", c.Phones)
	e.contacts("emails", c.Emails)
	if a := c.Address; a != nil {
		e.key("address")
		e.open('{')
		e.strOmit("street", a.Street)
		e.strOmit("postcode", a.Postcode)
		e.strOmit("town", a.Town)
		e.strOmit("country", a.Country)
		e.close('}')
	}
	e.strOmit("birthday", c.Birthday)
	e.strOmit("anniversary", c.Anniversary)
	e.strOmit("partner", c.Partner)
	e.strOmit("children", c.Children)
	e.strOmit("interests", c.Interests)
	e.strOmit("usual", c.Usual)
	if len(c.Tags) > 0 {
		e.key("tags")
		e.open('[')
		for _, t := range c.Tags {
			e.item()
			e.b = appendJSONString(e.b, t)
		}
		e.close(']')
	}
	e.str("created", c.Created)
	e.strOmit("archived", c.Archived)
	if len(c.Notes) > 0 {
		e.key("notes")
		e.open('[')
		for i := range c.Notes {
			n := &c.Notes[i]
			e.item()
			e.open('{')
			e.str("text", n.Text)
			e.str("created", n.Created)
			e.strOmit("ask_on", n.AskOn)
			e.strOmit("asked", n.Asked)
			e.trueOmit("private", n.Private)
			e.close('}')
		}
		e.close(']')
	}
	if len(c.Visits) > 0 {
		e.key("visits")
		e.open('[')
		for i := range c.Visits {
			v := &c.Visits[i]
			e.item()
			e.open('{')
			e.str("on", v.On)
			e.int("cents", v.Cents)
			e.strOmit("what", v.What)
			e.close('}')
		}
		e.close(']')
	}
	if len(c.ThankYous) > 0 {
		e.key("thank_yous")
		e.open('[')
		for i := range c.ThankYous {
			t := &c.ThankYous[i]
			e.item()
			e.open('{')
			e.str("reason", t.Reason)
			e.str("due", t.Due)
			e.str("created", t.Created)
			e.strOmit("sent", t.Sent)
			e.intOmit("visit", int64(t.Visit))
			e.close('}')
		}
		e.close(']')
	}
	if len(c.Feedback) > 0 {
		e.key("feedback")
		e.open('[')
		for i := range c.Feedback {
			f := &c.Feedback[i]
			e.item()
			e.open('{')
			e.str("on", f.On)
			e.int("rating", int64(f.Rating))
			e.strOmit("comment", f.Comment)
			e.strOmit("replied", f.Replied)
			e.close('}')
		}
		e.close(']')
	}
	if len(c.Outreach) > 0 {
		e.key("outreach")
		e.open('[')
		for i := range c.Outreach {
			o := &c.Outreach[i]
			e.item()
			e.open('{')
			e.str("on", o.On)
			e.str("channel", o.Channel)
			e.strOmit("about", o.About)
			e.strOmit("note", o.Note)
			e.str("created", o.Created)
			e.close('}')
		}
		e.close(']')
	}
	if len(c.Week) > 0 {
		e.key("week")
		e.open('[')
		for i := range c.Week {
			w := &c.Week[i]
			e.item()
			e.open('{')
			e.str("kind", w.Kind)
			e.strOmit("key", w.Key)
			e.str("state", w.State)
			e.str("week", w.Week)
			e.str("day", w.Day)
			e.str("reason", w.Reason)
			e.str("due", w.Due)
			e.intOmit("outreach", int64(w.Outreach))
			e.intOmit("thank_you", int64(w.ThankYou))
			e.trueOmit("made_thank_you", w.MadeThankYou)
			e.intOmit("note", int64(w.Note))
			e.intOmit("feedback", int64(w.Feedback))
			e.intOmit("visit", int64(w.Visit))
			e.str("created", w.Created)
			e.close('}')
		}
		e.close(']')
	}
	e.close('}')
}

func (e *jsonEnc) contacts(k string, list []jsonContact) {
	if len(list) == 0 {
		return
	}
	e.key(k)
	e.open('[')
	for i := range list {
		e.item()
		e.open('{')
		e.str("label", list[i].Label)
		e.str("value", list[i].Value)
		e.trueOmit("preferred", list[i].Preferred)
		e.close('}')
	}
	e.close(']')
}

const jsonHex = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// \" \\ \b \f \n \r \t, other control characters as \u00XX, invalid
// UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', jsonHex[b>>4], jsonHex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', jsonHex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
