package interchange

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/htmlindex"

	"regulars/model"
)

// The vCard reader is our own lexer feeding go-vcard's Card type. go-vcard's
// Decoder cannot be used as it is for files real phones write: it does not
// decode vCard 2.1 QUOTED-PRINTABLE values nor join their soft line breaks
// (a line ending in "=" continues on the next line without indentation), so
// Android's non-ASCII names come out as "M=C3=BCller" and the rest of a long
// note is silently dropped; it skips lines it cannot parse without saying so;
// it unescapes a value before splitting it, so "\;" and "\," inside N or
// CATEGORIES split wrongly; and it keeps no line numbers, which an import
// needs to say which card is wrong. Apple's "item1." groups it does keep, as
// do we, in vcard.Field.Group.

// vcProp is one unfolded content line.
type vcProp struct {
	line  int // where it starts in the file
	group string
	name  string // upper case
	field *vcard.Field
	raw   []byte // the lines as they were in the file, line endings kept
	// badText: the value is not UTF-8 and no CHARSET said what it is; the
	// card's charset or Windows-1252 decodes it when the card ends.
	badText bool
}

// vcardLexer reads physical lines and joins them into properties.
type vcardLexer struct {
	br      *bufio.Reader
	lim     Limits
	line    int   // physical lines read
	bytes   int64 // bytes read
	pending *string
	pendNum int
	pendRaw []byte
	raw     []byte // the physical lines of the property being read
}

var errTooLarge = errors.New("too large")

// physical returns the next line without its line ending.
func (lx *vcardLexer) physical() (string, int, error) {
	if lx.pending != nil {
		s, n := *lx.pending, lx.pendNum
		lx.pending = nil
		lx.raw = append(lx.raw, lx.pendRaw...)
		return s, n, nil
	}
	var buf []byte
	for {
		chunk, err := lx.br.ReadSlice('\n')
		buf = append(buf, chunk...)
		lx.bytes += int64(len(chunk))
		if lx.bytes > lx.lim.MaxBytes {
			return "", 0, model.Errorf(model.EINVALID, "the file is larger than %s; split it into smaller files", humanBytes(lx.lim.MaxBytes))
		}
		if len(buf) > lx.lim.MaxLine+2 {
			return "", 0, model.Errorf(model.EINVALID, "line %d is longer than %s; is this really a vCard file?", lx.line+1, humanBytes(int64(lx.lim.MaxLine)))
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (err != io.EOF || len(buf) == 0) {
			return "", 0, err
		}
		break
	}
	lx.line++
	start := len(lx.raw)
	lx.raw = append(lx.raw, buf...)
	lx.pendRaw = lx.raw[start:]
	s := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
	return s, lx.line, nil
}

// unread gives back the line physical returned last: it starts the next property.
func (lx *vcardLexer) unread(s string, n int) {
	lx.pending, lx.pendNum = &s, n
	lx.pendRaw = append([]byte(nil), lx.pendRaw...)
	lx.raw = lx.raw[:len(lx.raw)-len(lx.pendRaw)]
}

// next returns the next property, unfolded, with quoted-printable soft line
// breaks joined. It returns io.EOF at the end.
func (lx *vcardLexer) next() (*vcProp, error) {
	var first string
	var start int
	lx.raw = nil
	for {
		s, n, err := lx.physical()
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(s) != "" {
			first, start = s, n
			break
		}
	}
	buf := []byte(first)
	qp := isQuotedPrintable(first)
	for {
		if len(buf) > lx.lim.MaxLine {
			return nil, model.Errorf(model.EINVALID, "the property starting on line %d is longer than %s; is this really a vCard file?", start, humanBytes(int64(lx.lim.MaxLine)))
		}
		s, n, err := lx.physical()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if qp && len(buf) > 0 && buf[len(buf)-1] == '=' {
			// A soft line break: the value goes on, unindented (a space
			// at the start of the next line is part of the text).
			buf = append(buf[:len(buf)-1], s...)
			continue
		}
		if s != "" && (s[0] == ' ' || s[0] == '\t') {
			buf = append(buf, s[1:]...)
			continue
		}
		lx.unread(s, n)
		break
	}
	p, err := parseContentLine(string(buf), start)
	if p != nil {
		p.raw = lx.raw
	}
	return p, err
}

func isQuotedPrintable(line string) bool {
	head, _, ok := cutUnquoted(line, ':')
	return ok && strings.Contains(strings.ToUpper(head), "QUOTED-PRINTABLE")
}

// cutUnquoted cuts s at the first sep outside double quotes.
func cutUnquoted(s string, sep byte) (before, after string, found bool) {
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			inQuote = !inQuote
		case c == sep && !inQuote:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// splitUnquoted splits s at every sep outside double quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	for {
		before, after, ok := cutUnquoted(s, sep)
		out = append(out, before)
		if !ok {
			return out
		}
		s = after
	}
}

// parseContentLine reads "group.NAME;PARAM=x:value". The value stays escaped
// (only quoted-printable and charsets are decoded): how to unescape depends
// on the property.
func parseContentLine(l string, num int) (*vcProp, error) {
	head, value, ok := cutUnquoted(l, ':')
	parts := splitUnquoted(head, ';')
	name := parts[0]
	group, n, hasGroup := strings.Cut(name, ".")
	if hasGroup {
		name = n
	}
	if !ok || !isPropertyName(name) || (hasGroup && !isPropertyName(group)) {
		// Not a property: text that lost its folding. The caller adds it
		// to the property before.
		return &vcProp{line: num, field: &vcard.Field{Value: l, Params: vcard.Params{}}}, nil
	}
	p := &vcProp{line: num, field: &vcard.Field{Params: vcard.Params{}}}
	if hasGroup {
		p.group = group
	}
	p.name = strings.ToUpper(strings.TrimSpace(name))
	p.field.Group = p.group
	for _, param := range parts[1:] {
		k, v, hasValue := strings.Cut(param, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !hasValue {
			// vCard 2.1 writes bare parameters: TEL;CELL;PREF, NOTE;QUOTED-PRINTABLE.
			switch k {
			case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B":
				p.field.Params.Add("ENCODING", k)
			case "":
			default:
				p.field.Params.Add(vcard.ParamType, strings.ToLower(k))
			}
			continue
		}
		for _, pv := range splitUnquoted(v, ',') {
			pv = strings.Trim(pv, `"`)
			if k == vcard.ParamType {
				pv = strings.ToLower(pv)
			}
			p.field.Params.Add(k, pv)
		}
	}
	switch strings.ToUpper(p.field.Params.Get("ENCODING")) {
	case "QUOTED-PRINTABLE":
		value = decodeQuotedPrintable(value)
	case "B", "BASE64":
		value = "" // photos and keys: not kept
	}
	if cs := p.field.Params.Get("CHARSET"); cs != "" && !utf8.ValidString(value) {
		if v, ok := decodeCharset(value, cs); ok {
			value = v
		} else {
			p.badText = true
		}
	} else if !utf8.ValidString(value) {
		p.badText = true
	}
	p.field.Value = value
	return p, nil
}

func isPropertyName(s string) bool {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// decodeQuotedPrintable decodes =XX escapes leniently: anything that is not
// a valid escape is kept as it is, as phones write all sorts.
func decodeQuotedPrintable(s string) string {
	if !strings.Contains(s, "=") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// decodeCharset decodes a value written in a named charset (CHARSET=
// windows-1250, ISO-8859-1, Shift_JIS, ...); false when the charset is
// unknown or the text has bytes it does not define.
func decodeCharset(s, charset string) (string, bool) {
	enc, err := htmlindex.Get(strings.TrimSpace(charset))
	if err != nil {
		return "", false
	}
	out, err := enc.NewDecoder().String(s)
	if err != nil || !readable(out) {
		return "", false
	}
	return out, true
}

// readable reports whether decoded text has no replacement characters or
// C1 controls, which is what undefined bytes of a code page decode to.
func readable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r >= 0x80 && r <= 0x9f {
			return false
		}
	}
	return true
}

// fixCharsets decodes the card's values that are not UTF-8 and declared no
// charset: with the charset the card declares on another line (Outlook's
// "ANSI" vCard 2.1 marks only some lines), else Windows-1252. It returns
// the charset used, "" when every value was UTF-8, and an error for a value
// that still cannot be read.
func fixCharsets(props []*vcProp, cardCharset string) (string, error) {
	used := ""
	for _, p := range props {
		if !p.badText {
			continue
		}
		cs := cardCharset
		if cs == "" {
			cs = "windows-1252"
		}
		v, ok := decodeCharset(p.field.Value, cs)
		if !ok {
			return "", model.Errorf(model.EINVALID, "line %d is neither UTF-8 nor %s text: save the file as UTF-8 (Unicode) and import it again", p.line, cs)
		}
		p.field.Value, p.badText, used = v, false, cs
	}
	return used, nil
}

// unescapeText undoes vCard text escaping: \n \N \, \; \: \\.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitEscaped splits an escaped value at every sep not preceded by a
// backslash, and unescapes the parts.
func splitEscaped(s string, seps string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case strings.IndexByte(seps, s[i]) >= 0:
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}

// usedProps are the properties cardRecord reads; the parser keeps no
// others, so a card of millions of unknown properties costs its raw text
// and no more.
var usedProps = map[string]bool{"VERSION": true, "UID": true, "FN": true, "N": true, "NICKNAME": true, "ORG": true,
	"TEL": true, "EMAIL": true, "BDAY": true, "ANNIVERSARY": true, "X-ANNIVERSARY": true, "X-EVOLUTION-ANNIVERSARY": true,
	"X-MS-ANNIVERSARY": true, "X-ABDATE": true, "RELATED": true, "X-ABRELATEDNAMES": true, "X-SPOUSE": true,
	"X-EVOLUTION-SPOUSE": true, "X-KADDRESSBOOK-X-SPOUSESNAME": true, "X-MS-SPOUSE": true, "X-CHILD": true,
	"X-MS-CHILD": true, "X-ANDROID-CUSTOM": true, "CATEGORIES": true, "X-REGULARS-INTERESTS": true,
	"X-REGULARS-USUAL": true, "NOTE": true, "X-ABLABEL": true, "ADR": true}

// ParseVCard reads vCard 2.1, 3.0 and 4.0 files, several cards a file, as
// phones and address books write them.
func ParseVCard(r io.Reader, lim Limits) (*Batch, error) {
	lim = lim.orDefault()
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if head, err := br.Peek(3); err == nil && string(head) == string(utf8BOM) {
		br.Discard(3)
	}
	lx := &vcardLexer{br: br, lim: lim}
	b := &Batch{}
	versions := map[string]bool{}
	var versionList []string
	var card []*vcProp
	var raw []byte // the card's text as it was, for a rejects file
	cardNum, cardLine, depth := 0, 0, 0
	inCard, cardCharset, warnedCharset := false, "", false
	for {
		p, err := lx.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		value := strings.TrimSpace(p.field.Value)
		if inCard {
			raw = append(raw, p.raw...)
		}
		switch {
		case p.name == "BEGIN" && strings.EqualFold(value, "VCARD"):
			if inCard {
				depth++ // a vCard 2.1 AGENT card inside this one: skipped
				continue
			}
			cardNum++
			if cardNum > lim.MaxRecords {
				return nil, model.Errorf(model.EINVALID, "the file has more than %d cards; split it into smaller files", lim.MaxRecords)
			}
			inCard, cardLine, card, cardCharset = true, p.line, nil, ""
			raw = append(raw[:0:0], p.raw...)
		case p.name == "END" && strings.EqualFold(value, "VCARD"):
			if !inCard {
				b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("line %d", p.line), Reason: "END:VCARD without a BEGIN:VCARD before it", Raw: string(p.raw)})
				continue
			}
			if depth > 0 {
				depth--
				continue
			}
			inCard = false
			where := fmt.Sprintf("card %d (line %d)", cardNum, cardLine)
			used, err := fixCharsets(card, cardCharset)
			if err != nil {
				rec, _, _ := cardRecord(card)
				b.Errors = append(b.Errors, RecordError{Where: where, Name: rec.Customer.Name, Reason: model.ErrorMessage(err), Raw: string(raw)})
				continue
			}
			if used != "" && !warnedCharset {
				warnedCharset = true
				b.Warnings = append(b.Warnings, Warning{Where: where, Text: "the file is not UTF-8: read as " + used + " (cards after this one too, where they are not UTF-8)"})
			}
			rec, reasons, warnings := cardRecord(card)
			rec.Where = where
			for _, w := range warnings {
				b.Warnings = append(b.Warnings, Warning{Where: where, Name: rec.Customer.Name, Text: w})
			}
			b.addRaw(rec, reasons, string(raw))
			if v := cardVersion(card); !versions[v] {
				versions[v] = true
				versionList = append(versionList, v)
			}
		case !inCard:
			b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("line %d", p.line), Reason: fmt.Sprintf("%q is outside any card (a card starts with BEGIN:VCARD)", model.Clip(p.field.Value, 40)), Raw: string(p.raw)})
			if len(b.Errors) > 100 {
				if cardNum == 0 {
					return nil, errNotVCard
				}
				return nil, model.Errorf(model.EINVALID, "this does not look like a vCard file: line %d and many others are not inside BEGIN:VCARD … END:VCARD", p.line)
			}
		case depth > 0:
		case p.name == "" && len(card) > 0:
			if prev := card[len(card)-1]; prev.name != "X-UNREAD" {
				prev.field.Value += "\n" + p.field.Value
			}
		default:
			if cs := p.field.Params.Get("CHARSET"); cs != "" && cardCharset == "" && !strings.EqualFold(cs, "utf-8") {
				cardCharset = cs
			}
			if usedProps[p.name] {
				p.raw = nil // the card keeps its raw text whole
				card = append(card, p)
			} else if p.name != "" && len(card) > 0 {
				// Unfolded text after an unknown property is its, not the previous one's.
				card = append(card, &vcProp{line: p.line, name: "X-UNREAD", field: &vcard.Field{}})
				if len(card) > 1 && card[len(card)-2].name == "X-UNREAD" {
					card = card[:len(card)-1]
				}
			}
		}
	}
	if cardNum == 0 {
		return nil, errNotVCard
	}
	if inCard {
		rec, _, _ := cardRecord(card)
		b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("card %d (line %d)", cardNum, cardLine), Name: rec.Customer.Name, Reason: "the file ends before this card's END:VCARD", Raw: string(raw)})
	}
	b.Format = "vCard " + strings.Join(versionList, ", ")
	return b, nil
}

var errNotVCard = model.Errorf(model.EINVALID, "this is not a vCard file: it has no BEGIN:VCARD line")

func cardVersion(props []*vcProp) string {
	for _, p := range props {
		if p.name == "VERSION" {
			return strings.TrimSpace(p.field.Value)
		}
	}
	return "(no version)"
}

// Labels Apple writes on itemN.X-ABLabel, and words people use for their own.
var (
	partnerWords = map[string]bool{"spouse": true, "partner": true, "domestic partner": true, "domestic_partner": true,
		"wife": true, "husband": true, "sweetheart": true, "girlfriend": true, "boyfriend": true}
	childWords       = map[string]bool{"child": true, "son": true, "daughter": true, "kid": true}
	anniversaryWords = map[string]bool{"anniversary": true, "wedding": true, "wedding anniversary": true}
)

// appleLabel turns "_$!<Spouse>!$_" into "spouse".
func appleLabel(s string) string {
	s = strings.TrimSpace(unescapeText(s))
	s = strings.TrimPrefix(s, "_$!<")
	s = strings.TrimSuffix(s, ">!$_")
	return strings.ToLower(s)
}

// Android writes events and relations in vCard 2.1 as X-ANDROID-CUSTOM with
// the ContactsContract type numbers.
const (
	androidEvent          = "vnd.android.cursor.item/contact_event"
	androidRelation       = "vnd.android.cursor.item/relation"
	androidNickname       = "vnd.android.cursor.item/nickname"
	androidAnniversary    = "1"
	androidBirthday       = "3"
	androidChild          = "3"
	androidDomesticPartne = "4"
	androidPartner        = "10"
	androidSpouse         = "14"
)

// cardRecord reads one card into a customer. Reasons refuse the card;
// warnings say what was kept elsewhere than where the card had it.
func cardRecord(props []*vcProp) (Record, []string, []string) {
	card := vcard.Card{}
	line := map[*vcard.Field]int{}
	labels := map[string]string{} // Apple group → label
	for _, p := range props {
		if p.name == "" {
			continue
		}
		card.Add(p.name, p.field)
		line[p.field] = p.line
		if p.name == "X-ABLABEL" && p.group != "" {
			labels[p.group] = appleLabel(p.field.Value)
		}
	}
	var rec Record
	var reasons, warnings []string
	c := &rec.Customer
	// keep puts a value that cannot go where the card had it into a note,
	// and says so.
	var kept []string
	keep := func(f *vcard.Field, what, value, why string) {
		if hasControl(value) {
			reasons = append(reasons, fmt.Sprintf("line %d: %s %q %s and has control characters", line[f], strings.ToLower(what), model.Clip(value, 40), why))
			return
		}
		kept = append(kept, what+": "+value)
		warnings = append(warnings, fmt.Sprintf("line %d: %s %q %s: kept in a note", line[f], strings.ToLower(what), model.Clip(value, 40), why))
	}
	text := func(k string) string {
		if f := card.Get(k); f != nil {
			return strings.TrimSpace(unescapeText(f.Value))
		}
		return ""
	}

	// The name: FN, else N, else whatever names them.
	c.Name = text(vcard.FieldFormattedName)
	if f := card.Get(vcard.FieldName); c.Name == "" && f != nil {
		n := splitEscaped(f.Value, ";")
		var parts []string
		for _, i := range []int{3, 1, 2, 0, 4} { // prefix given additional family suffix
			if i < len(n) && strings.TrimSpace(n[i]) != "" {
				parts = append(parts, strings.Join(strings.Fields(strings.ReplaceAll(n[i], ",", " ")), " "))
			}
		}
		c.Name = strings.Join(parts, " ")
	}
	rec.UID = text(vcard.FieldUID)
	var nicks []string
	for _, f := range card[vcard.FieldNickname] {
		for _, n := range splitEscaped(f.Value, ",") {
			if n = strings.TrimSpace(n); n != "" {
				nicks = append(nicks, n)
			}
		}
	}
	c.Nickname = strings.Join(nicks, ", ")
	if c.Name == "" {
		if f := card.Get(vcard.FieldOrganization); f != nil {
			c.Name = strings.TrimSpace(firstOf(splitEscaped(f.Value, ";")))
		}
	}
	// A phone written as a word ("Handy", "ask at counter") or an e-mail
	// without @ is no number or address: kept in a note, the rest read.
	var phones, emails []*vcard.Field
	for _, f := range card[vcard.FieldTelephone] {
		v := strings.TrimSpace(strings.TrimPrefix(unescapeText(f.Value), "tel:"))
		switch {
		case v == "":
		case model.PhoneDigits(v) == "":
			keep(f, "Phone"+typeLabel(f), v, "has no digits")
		default:
			phones = append(phones, f)
		}
	}
	for _, f := range card[vcard.FieldEmail] {
		v := strings.TrimSpace(strings.TrimPrefix(unescapeText(f.Value), "mailto:"))
		switch {
		case v == "":
		case !strings.Contains(v, "@"):
			keep(f, "E-mail"+typeLabel(f), v, "has no @")
		default:
			emails = append(emails, f)
		}
	}
	c.Phone = strings.TrimSpace(strings.TrimPrefix(unescapeText(preferred(phones, vcard.TypeCell)), "tel:"))
	c.Email = strings.TrimSpace(strings.TrimPrefix(unescapeText(preferred(emails, "")), "mailto:"))
	// Every phone and e-mail is kept, labelled from its TYPE; the
	// preferred one is c.Phone / c.Email. Past MaxContacts, a note.
	contacts := func(fields []*vcard.Field, what, prefix, single string) []model.Contact {
		var out []model.Contact
		for _, f := range fields {
			v := strings.TrimSpace(strings.TrimPrefix(unescapeText(f.Value), prefix))
			if len(out) == model.MaxContacts {
				keep(f, what+typeLabel(f), v, "is one more than a customer keeps")
				continue
			}
			out = append(out, model.Contact{Label: contactLabel(f), Value: v, Preferred: v == single})
		}
		return out
	}
	c.Phones = contacts(phones, "Phone", "tel:", c.Phone)
	c.Emails = contacts(emails, "E-mail", "mailto:", c.Email)
	c.Address = cardAddress(card[vcard.FieldAddress], keep)
	if c.Name == "" {
		c.Name = c.Nickname
	}
	if c.Name == "" {
		c.Name = c.Email
	}

	date := func(f *vcard.Field, prop string) model.MonthDay {
		if f == nil {
			return model.MonthDay{}
		}
		what := dateWords[prop]
		if what == "" {
			what = "Date " + prop
		}
		v := strings.TrimSpace(unescapeText(f.Value))
		if strings.EqualFold(f.Params.Get("VALUE"), "text") {
			keep(f, what, v, "is text, not a date")
			return model.MonthDay{}
		}
		md, err := importDate(v, DateAuto)
		if err != nil {
			keep(f, what, v, "is not a date")
			return model.MonthDay{}
		}
		// Apple keeps a birthday without a year as year 1604 and says so.
		if omit := f.Params.Get("X-APPLE-OMIT-YEAR"); omit != "" && omit == strconv.Itoa(md.Year) {
			md.Year = 0
		}
		return md
	}
	c.Birthday = date(card.Get(vcard.FieldBirthday), "BDAY")
	for _, k := range []string{vcard.FieldAnniversary, "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY"} {
		if f := card.Get(k); f != nil && c.Anniversary.IsZero() {
			c.Anniversary = date(f, k)
		}
	}
	for _, f := range card["X-ABDATE"] {
		if anniversaryWords[labels[f.Group]] && c.Anniversary.IsZero() {
			c.Anniversary = date(f, "X-ABDATE")
		}
	}

	// sub makes a field of one part of a structured value, on its line.
	sub := func(f *vcard.Field, v string) *vcard.Field {
		g := &vcard.Field{Value: v, Params: vcard.Params{}}
		line[g] = line[f]
		return g
	}
	var children []string
	relate := func(kind, name string) {
		name = strings.Join(strings.Fields(name), " ")
		switch {
		case name == "":
		case kind == "partner" && c.Partner == "":
			c.Partner = name
		case kind == "child":
			children = append(children, name)
		}
	}
	for _, f := range card[vcard.FieldRelated] {
		v := unescapeText(f.Value)
		if !strings.EqualFold(f.Params.Get("VALUE"), "text") && looksLikeURI(v) {
			continue // a link to another card, not a name
		}
		for _, t := range f.Params.Types() {
			if partnerWords[t] {
				relate("partner", v)
			} else if childWords[t] {
				relate("child", v)
			}
		}
	}
	for _, f := range card["X-ABRELATEDNAMES"] {
		l := labels[f.Group]
		for _, t := range f.Params.Types() {
			if l == "" && (partnerWords[t] || childWords[t]) {
				l = t
			}
		}
		if partnerWords[l] {
			relate("partner", unescapeText(f.Value))
		} else if childWords[l] {
			relate("child", unescapeText(f.Value))
		}
	}
	for _, k := range []string{"X-SPOUSE", "X-EVOLUTION-SPOUSE", "X-KADDRESSBOOK-X-SPOUSESNAME", "X-MS-SPOUSE"} {
		for _, f := range card[k] {
			relate("partner", unescapeText(f.Value))
		}
	}
	for _, k := range []string{"X-CHILD", "X-MS-CHILD"} {
		for _, f := range card[k] {
			relate("child", unescapeText(f.Value))
		}
	}
	for _, f := range card["X-ANDROID-CUSTOM"] {
		parts := splitEscaped(f.Value, ";")
		if len(parts) < 3 {
			continue
		}
		kind, val, typ := parts[0], strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2])
		switch {
		case kind == androidNickname && c.Nickname == "":
			c.Nickname = val
		case kind == androidRelation && (typ == androidSpouse || typ == androidPartner || typ == androidDomesticPartne):
			relate("partner", val)
		case kind == androidRelation && typ == androidChild:
			relate("child", val)
		case kind == androidEvent && typ == androidAnniversary && c.Anniversary.IsZero():
			c.Anniversary = date(sub(f, val), "anniversary")
		case kind == androidEvent && typ == androidBirthday && c.Birthday.IsZero():
			c.Birthday = date(sub(f, val), "birthday")
		}
	}
	c.Children = strings.Join(children, ", ")

	for _, f := range card[vcard.FieldCategories] {
		// "a\, b\, c" is three categories: writers escape the commas
		// that separate them, and a tag cannot hold a comma anyway.
		for _, part := range splitEscaped(f.Value, ",;") {
			c.Tags = append(c.Tags, foreignTags(strings.Split(part, ","))...)
		}
	}
	c.Interests = text("X-REGULARS-INTERESTS")
	c.Usual = text("X-REGULARS-USUAL")
	for _, f := range card[vcard.FieldNote] {
		t := strings.TrimSpace(strings.ReplaceAll(unescapeText(f.Value), "\r\n", "\n"))
		if t != "" {
			rec.Notes = append(rec.Notes, model.Note{Text: t})
		}
	}
	if len(kept) > 0 {
		rec.Notes = append(rec.Notes, model.Note{Text: strings.Join(kept, "\n")})
	}
	if c.Name == "" && len(reasons) == 0 {
		reasons = append(reasons, "the card has no name (FN, N, NICKNAME, ORG or EMAIL)")
	}
	return rec, reasons, warnings
}

// contactLabel reads a phone's or e-mail's label from its TYPE.
func contactLabel(f *vcard.Field) model.ContactLabel {
	for _, t := range f.Params.Types() {
		switch t {
		case "cell", "mobile", "iphone":
			return model.Mobile
		case "home":
			return model.Home
		case "work":
			return model.Work
		}
	}
	return model.Other
}

// cardAddress reads the preferred ADR (PREF, else TYPE=pref, else home,
// else the first): post office box, extended address and street are the
// street lines, the region joins the town. Other addresses go to a note.
func cardAddress(fields []*vcard.Field, keep func(f *vcard.Field, what, value, why string)) model.Address {
	var a model.Address
	pick := -1
	for i, f := range fields {
		if strings.TrimSpace(strings.ReplaceAll(f.Value, ";", "")) == "" {
			continue
		}
		if pick < 0 || f.Params.HasType("pref") || f.Params.Get(vcard.ParamPreferred) == "1" {
			if pick < 0 || !(fields[pick].Params.HasType("pref") || fields[pick].Params.Get(vcard.ParamPreferred) == "1") {
				pick = i
			}
		}
	}
	for i, f := range fields {
		parts := splitEscaped(f.Value, ";")
		for len(parts) < 7 {
			parts = append(parts, "")
		}
		var street []string
		for _, p := range parts[:3] {
			for _, l := range strings.Split(strings.ReplaceAll(p, "\r\n", "\n"), "\n") {
				if l = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), ",")); l != "" {
					street = append(street, l)
				}
			}
		}
		one := model.Address{Street: strings.Join(street, "\n"), Postcode: strings.TrimSpace(parts[5]), Town: strings.TrimSpace(parts[3]), Country: strings.TrimSpace(parts[6])}
		if r := strings.TrimSpace(parts[4]); r != "" && r != one.Town {
			one.Town = strings.TrimPrefix(one.Town+", "+r, ", ")
		}
		if len(street) > model.MaxStreetLines {
			street[model.MaxStreetLines-1] = strings.Join(street[model.MaxStreetLines-1:], ", ")
			one.Street = strings.Join(street[:model.MaxStreetLines], "\n")
		}
		if one.IsZero() {
			continue
		}
		if err := one.Validate(); err != nil {
			keep(f, "Address"+typeLabel(f), one.String(), "cannot be kept as an address ("+model.ErrorMessage(err)+")")
			continue
		}
		if i == pick {
			a = one
			continue
		}
		keep(f, "Address"+typeLabel(f), one.String(), "is another address")
	}
	return a
}

// hasControl reports whether s has control characters other than tab and
// line breaks: escape sequences are no text a person wrote.
func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return true
		}
	}
	return false
}

// dateWords name the date properties in a note.
var dateWords = map[string]string{"BDAY": "Birthday", "birthday": "Birthday", "anniversary": "Anniversary",
	"ANNIVERSARY": "Anniversary", "X-ANNIVERSARY": "Anniversary", "X-EVOLUTION-ANNIVERSARY": "Anniversary",
	"X-MS-ANNIVERSARY": "Anniversary", "X-ABDATE": "Anniversary"}

// typeLabel is " (cell)" for a field of TYPE=CELL, or "".
func typeLabel(f *vcard.Field) string {
	for _, t := range f.Params.Types() {
		switch t {
		case "cell", "home", "work", "mobile", "voice":
		default:
			continue
		}
		return " (" + t + ")"
	}
	return ""
}

func firstOf(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

func looksLikeURI(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"urn:", "http:", "https:", "mailto:", "tel:", "uid:"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// preferred picks the field the card prefers: PREF=1 (4.0) or TYPE=pref
// (2.1, 3.0), else the first of the given type, else the first.
func preferred(fields []*vcard.Field, typ string) string {
	if len(fields) == 0 {
		return ""
	}
	best, bestPref := -1, 101
	for i, f := range fields {
		if strings.TrimSpace(f.Value) == "" {
			continue
		}
		pref := 100
		if f.Params.HasType("pref") {
			pref = 1
		}
		if v, err := strconv.Atoi(f.Params.Get(vcard.ParamPreferred)); err == nil && v >= 1 && v <= 100 {
			pref = v
		}
		if pref == 100 && typ != "" && f.Params.HasType(typ) {
			pref = 99
		}
		if pref < bestPref {
			best, bestPref = i, pref
		}
	}
	if best < 0 {
		return ""
	}
	return fields[best].Value
}
