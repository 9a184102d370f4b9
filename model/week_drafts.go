package model

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words already written: each kind has a message template with
// placeholders, and a person's draft joins the templates of their open
// items into one message. Templates live in the notebook (the store's
// templates table); these are the defaults.

// Placeholders a template may use.
const (
	// SignatureName is the template that holds the owner's signature,
	// filled in for {signature}.
	SignatureName = "signature"
)

// DefaultTemplates are the messages used until the owner writes their own.
// A sentence whose placeholder has nothing to say is dropped ({usual} for a
// customer without a usual order); {first} falls back to the full name.
var DefaultTemplates = func() map[string]string {
	t := map[string]string{SignatureName: ""}
	for _, row := range kindTable {
		t[string(row.kind)] = row.template
	}
	return t
}()

// TemplateNames lists the templates: one per kind, in queue order, then
// the signature.
func TemplateNames() []string {
	out := make([]string, 0, len(Kinds)+1)
	for _, k := range Kinds {
		out = append(out, string(k))
	}
	return append(out, SignatureName)
}

// CheckTemplate checks a template's name and text before it is written.
func CheckTemplate(name, text string) error {
	if !slices.Contains(TemplateNames(), name) {
		return Errorf(EINVALID, "%q is not a template: %s", name, strings.Join(TemplateNames(), ", "))
	}
	return checkText(name, text, MaxNoteLen, true)
}

// Templates are the owner's templates by name; a name missing uses its
// default.
type Templates map[string]string

// For returns the template called name.
func (t Templates) For(name string) string {
	if s, ok := t[name]; ok {
		return s
	}
	return DefaultTemplates[name]
}

var (
	greeting    = regexp.MustCompile(`^(?i:hi|hello|hey|dear) \{first\},\s*`)
	signOff     = regexp.MustCompile(`\s*(—|--?)\s*\{signature\}\s*$`)
	placeholder = regexp.MustCompile(`\{[a-z]+\}`)
	sentenceEnd = regexp.MustCompile(`[.!?…][”"’)]?(\s+|$)`)
	spaces      = regexp.MustCompile(`[ \t]{2,}`)
	// doubleStop is a quote that ends a sentence followed by the
	// template's own full stop: “Slow service.”. reads “Slow service.”
	doubleStop = regexp.MustCompile(`([.!?…])([”"’)])\.`)
)

// FirstName is what a draft calls someone: their nickname, or the first
// word of their name.
func FirstName(r Recipient) string {
	if n := strings.TrimSpace(r.Nickname); n != "" {
		return n
	}
	if f := strings.Fields(r.Name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// PersonDraft writes one message for the person's open items, the most pressing
// first: the first template's greeting ("Hi {first},") opens it, the later
// ones' greetings are left out, and the signature closes it once if any
// template signs. With no open items it is "".
func PersonDraft(p *Person, r Recipient, t Templates) string {
	return personDraft(p, r, t, newDraftCache())
}

// draftCache holds templates taken apart (greeting, sentences, sign-off),
// so that the week's hundreds of drafts take each template apart once.
type draftCache struct {
	templates map[string]*draftTemplate
	plain     map[string][]draftSentence
}

func newDraftCache() draftCache {
	return draftCache{templates: map[string]*draftTemplate{}, plain: map[string][]draftSentence{}}
}

// draftTemplate is a kind's template taken apart: its greeting, and the
// rest of it (first as written, then with its first letter raised, for a
// template that follows another's greeting) without the sign-off, in
// sentences.
type draftTemplate struct {
	greeting    string
	body, upper []draftSentence
	signs       bool
}

// draftSentence is a sentence of a template and where its placeholders are.
type draftSentence struct {
	text string
	at   [][]int
}

func (c draftCache) template(tpl string) *draftTemplate {
	if d, ok := c.templates[tpl]; ok {
		return d
	}
	d := &draftTemplate{}
	g := greeting.FindString(tpl)
	rest := tpl[len(g):]
	d.greeting = strings.TrimSpace(g)
	cut := func(s string) string {
		if loc := signOff.FindStringIndex(s); loc != nil {
			d.signs = true
			return s[:loc[0]]
		}
		return s
	}
	d.body = sentences(cut(rest))
	if g != "" {
		d.upper = sentences(cut(upperFirst(rest)))
	}
	c.templates[tpl] = d
	return d
}

// sentences is s in sentences, as it is (a greeting).
func (c draftCache) sentences(s string) []draftSentence {
	ss, ok := c.plain[s]
	if !ok {
		ss = sentences(s)
		c.plain[s] = ss
	}
	return ss
}

func personDraft(p *Person, r Recipient, t Templates, c draftCache) string {
	sig := strings.TrimSpace(t.For(SignatureName))
	var open, signs bool
	var greet string
	var bodies []string
	for _, it := range p.Items {
		if it.State != Open {
			continue
		}
		d := c.template(strings.TrimSpace(t.For(string(it.Kind))))
		body := d.body
		if !open {
			greet = d.greeting
		} else if d.upper != nil {
			body = d.upper // its greeting is left out: it starts a sentence
		}
		open = true
		signs = signs || d.signs
		vals := draftValues(r, it, sig)
		if b := fillSentences(body, vals); b != "" && !slices.Contains(bodies, b) {
			bodies = append(bodies, b)
		}
	}
	if !open {
		return ""
	}
	msg := strings.Join(bodies, " ")
	if g := fillSentences(c.sentences(greet), draftValues(r, Item{}, sig)); g != "" {
		msg = g + " " + msg
	} else if msg != "" {
		msg = upperFirst(msg)
	}
	if signs && sig != "" {
		msg += " — " + sig
	}
	if strings.Contains(msg, "  ") || strings.ContainsRune(msg, '\t') {
		msg = spaces.ReplaceAllString(msg, " ")
	}
	return strings.TrimSpace(msg)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// draftValues are the placeholders' words for one item.
func draftValues(r Recipient, it Item, sig string) draftVals {
	first := FirstName(r)
	if first == "" {
		first = r.Name
	}
	age := ""
	if it.Age > 0 {
		age = strconv.Itoa(it.Age)
	}
	ask := ""
	if it.Kind == KindFollowUp {
		ask = it.About
	}
	return draftVals{first: first, name: r.Name, partner: r.Partner, children: r.Children,
		usual: r.Usual, ask: ask, age: age, reason: it.About, signature: sig}
}

// draftVals are the words of each placeholder (a struct, not a map: a
// queue makes one for each of its hundreds of items).
type draftVals struct {
	first, name, partner, children, usual, ask, age, reason, signature string
}

// get returns the words for the placeholder ph ("{first}") and whether it
// is one.
func (v *draftVals) get(ph string) (string, bool) {
	switch ph {
	case "{first}":
		return v.first, true
	case "{name}":
		return v.name, true
	case "{partner}":
		return v.partner, true
	case "{children}":
		return v.children, true
	case "{usual}":
		return v.usual, true
	case "{ask}":
		return v.ask, true
	case "{age}":
		return v.age, true
	case "{reason}":
		return v.reason, true
	case "{signature}":
		return v.signature, true
	}
	return "", false
}

// fill puts the values in tpl, dropping each sentence with a placeholder
// that has nothing to say.
func fill(tpl string, vals draftVals) string {
	return fillSentences(sentences(tpl), vals)
}

// sentences takes tpl apart into sentences, noting their placeholders.
func sentences(tpl string) []draftSentence {
	var out []draftSentence
	for rest := tpl; rest != ""; {
		end := len(rest)
		if loc := sentenceEnd.FindStringIndex(rest); loc != nil {
			end = loc[1]
		}
		out = append(out, draftSentence{text: rest[:end], at: placeholder.FindAllStringIndex(rest[:end], -1)})
		rest = rest[end:]
	}
	return out
}

// fillSentences puts the values in the sentences, dropping each with a
// placeholder that has nothing to say; a placeholder with no value at all
// is left as written.
func fillSentences(ss []draftSentence, vals draftVals) string {
	var kept []string
	var b strings.Builder
	for _, s := range ss {
		b.Reset()
		empty, from := false, 0
		for _, loc := range s.at {
			ph := s.text[loc[0]:loc[1]]
			v, known := vals.get(ph)
			v = Sanitize(strings.TrimSpace(v))
			if known && v == "" {
				empty = true
			}
			if !known {
				v = ph
			}
			b.WriteString(s.text[from:loc[0]])
			b.WriteString(v)
			from = loc[1]
		}
		if !empty {
			b.WriteString(s.text[from:])
			kept = append(kept, strings.TrimSpace(b.String()))
		}
	}
	out := strings.Join(kept, " ")
	if strings.ContainsAny(out, "”\"’)") {
		out = doubleStop.ReplaceAllString(out, "$1$2")
	}
	return out
}
