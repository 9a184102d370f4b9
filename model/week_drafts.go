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
	sig := strings.TrimSpace(t.For(SignatureName))
	var open, signs bool
	var greet string
	var bodies []string
	for _, it := range p.Items {
		if it.State != Open {
			continue
		}
		tpl := strings.TrimSpace(t.For(string(it.Kind)))
		g := greeting.FindString(tpl)
		tpl = tpl[len(g):]
		if !open {
			greet = strings.TrimSpace(g)
		} else if g != "" {
			tpl = upperFirst(tpl) // its greeting is left out: it starts a sentence
		}
		open = true
		if loc := signOff.FindStringIndex(tpl); loc != nil {
			tpl, signs = tpl[:loc[0]], true
		}
		vals := draftValues(r, it, sig)
		if body := fill(tpl, vals); body != "" && !slices.Contains(bodies, body) {
			bodies = append(bodies, body)
		}
	}
	if !open {
		return ""
	}
	msg := strings.Join(bodies, " ")
	if g := fill(greet, draftValues(r, Item{}, sig)); g != "" {
		msg = g + " " + msg
	} else if msg != "" {
		msg = upperFirst(msg)
	}
	if signs && sig != "" {
		msg += " — " + sig
	}
	return strings.TrimSpace(spaces.ReplaceAllString(msg, " "))
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// draftValues are the placeholders' words for one item.
func draftValues(r Recipient, it Item, sig string) map[string]string {
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
	return map[string]string{
		"{first}": first, "{name}": r.Name, "{partner}": r.Partner, "{children}": r.Children,
		"{usual}": r.Usual, "{ask}": ask, "{age}": age, "{reason}": it.About, "{signature}": sig,
	}
}

// fill puts the values in tpl, dropping each sentence with a placeholder
// that has nothing to say.
func fill(tpl string, vals map[string]string) string {
	var kept []string
	rest := tpl
	for rest != "" {
		end := len(rest)
		if loc := sentenceEnd.FindStringIndex(rest); loc != nil {
			end = loc[1]
		}
		s := rest[:end]
		rest = rest[end:]
		empty := false
		s = placeholder.ReplaceAllStringFunc(s, func(ph string) string {
			v, known := vals[ph]
			v = Sanitize(strings.TrimSpace(v))
			if known && v == "" {
				empty = true
			}
			if !known {
				return ph
			}
			return v
		})
		if !empty {
			kept = append(kept, strings.TrimSpace(s))
		}
	}
	return doubleStop.ReplaceAllString(strings.Join(kept, " "), "$1$2")
}
