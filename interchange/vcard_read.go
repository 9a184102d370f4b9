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
}

// vcardLexer reads physical lines and joins them into properties.
type vcardLexer struct {
	br      *bufio.Reader
	lim     Limits
	line    int   // physical lines read
	bytes   int64 // bytes read
	pending *string
	pendNum int
}

var errTooLarge = errors.New("too large")

// physical returns the next line without its line ending.
func (lx *vcardLexer) physical() (string, int, error) {
	if lx.pending != nil {
		s, n := *lx.pending, lx.pendNum
		lx.pending = nil
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
	s := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
	return s, lx.line, nil
}

func (lx *vcardLexer) unread(s string, n int) { lx.pending, lx.pendNum = &s, n }

// next returns the next property, unfolded, with quoted-printable soft line
// breaks joined. It returns io.EOF at the end.
func (lx *vcardLexer) next() (*vcProp, error) {
	var first string
	var start int
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
	return parseContentLine(string(buf), start)
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
	value = decodeCharset(value, p.field.Params.Get("CHARSET"))
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

// decodeCharset converts Latin-1 values to UTF-8; UTF-8 and ASCII pass. Old
// phones and Outlook write CHARSET=ISO-8859-1 or windows-1252.
func decodeCharset(s, charset string) string {
	switch strings.ToUpper(strings.TrimSpace(charset)) {
	case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "WINDOWS-1252", "CP1252", "ISO-8859-15":
		if utf8.ValidString(s) && !hasHighBytes(s) {
			return s
		}
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			b.WriteRune(rune(s[i]))
		}
		return b.String()
	}
	return s
}

func hasHighBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
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
	cardNum, cardLine, depth := 0, 0, 0
	inCard := false
	for {
		p, err := lx.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		value := strings.TrimSpace(p.field.Value)
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
			inCard, cardLine, card = true, p.line, nil
		case p.name == "END" && strings.EqualFold(value, "VCARD"):
			if !inCard {
				b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("line %d", p.line), Reason: "END:VCARD without a BEGIN:VCARD before it"})
				continue
			}
			if depth > 0 {
				depth--
				continue
			}
			inCard = false
			rec, reasons := cardRecord(card)
			rec.Where = fmt.Sprintf("card %d (line %d)", cardNum, cardLine)
			b.add(rec, reasons)
			if v := cardVersion(card); !versions[v] {
				versions[v] = true
				versionList = append(versionList, v)
			}
		case !inCard:
			b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("line %d", p.line), Reason: fmt.Sprintf("%q is outside any card (a card starts with BEGIN:VCARD)", model.Clip(p.field.Value, 40))})
			if len(b.Errors) > 100 {
				return nil, model.Errorf(model.EINVALID, "this does not look like a vCard file: line %d and many others are not inside BEGIN:VCARD … END:VCARD", p.line)
			}
		case depth == 0 && p.name == "" && len(card) > 0:
			prev := card[len(card)-1].field
			prev.Value += "\n" + p.field.Value
		case depth == 0:
			card = append(card, p)
		}
	}
	if inCard {
		rec, _ := cardRecord(card)
		b.Errors = append(b.Errors, RecordError{Where: fmt.Sprintf("card %d (line %d)", cardNum, cardLine), Name: rec.Customer.Name, Reason: "the file ends before this card's END:VCARD"})
	}
	if cardNum == 0 && len(b.Errors) == 0 {
		return nil, model.Errorf(model.EINVALID, "no cards found: a vCard file has BEGIN:VCARD … END:VCARD blocks")
	}
	b.Format = "vCard " + strings.Join(versionList, ", ")
	return b, nil
}

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

// cardRecord reads one card into a customer.
func cardRecord(props []*vcProp) (Record, []string) {
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
	var reasons []string
	c := &rec.Customer
	fail := func(f *vcard.Field, prop, format string, args ...any) {
		reasons = append(reasons, fmt.Sprintf("line %d, %s: %s", line[f], prop, fmt.Sprintf(format, args...)))
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
	if f := card.Get(vcard.FieldNickname); f != nil {
		c.Nickname = strings.TrimSpace(firstOf(splitEscaped(f.Value, ",")))
	}
	if c.Name == "" {
		if f := card.Get(vcard.FieldOrganization); f != nil {
			c.Name = strings.TrimSpace(firstOf(splitEscaped(f.Value, ";")))
		}
	}
	c.Phone = strings.TrimSpace(strings.TrimPrefix(unescapeText(preferred(card[vcard.FieldTelephone], vcard.TypeCell)), "tel:"))
	c.Email = strings.TrimSpace(strings.TrimPrefix(unescapeText(preferred(card[vcard.FieldEmail], "")), "mailto:"))
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
		if strings.EqualFold(f.Params.Get("VALUE"), "text") {
			fail(f, prop, "%q is text, not a date", unescapeText(f.Value))
			return model.MonthDay{}
		}
		v := strings.TrimSpace(f.Value)
		md, err := importDate(v)
		if err != nil {
			fail(f, prop, "%s", model.ErrorMessage(err))
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
		c.Tags = append(c.Tags, foreignTags(splitEscaped(f.Value, ",;"))...)
	}
	c.Interests = text("X-REGULARS-INTERESTS")
	c.Usual = text("X-REGULARS-USUAL")
	for _, f := range card[vcard.FieldNote] {
		t := strings.TrimSpace(strings.ReplaceAll(unescapeText(f.Value), "\r\n", "\n"))
		if t != "" {
			rec.Notes = append(rec.Notes, model.Note{Text: t})
		}
	}
	if c.Name == "" && len(reasons) == 0 {
		reasons = append(reasons, "the card has no name (FN, N, NICKNAME or ORG)")
	}
	return rec, reasons
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
