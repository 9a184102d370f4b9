package model

import (
	"strings"
	"unicode"
)

// ParseAddress reads an address written on one line, the way people write
// it on an envelope: "Hauptstr. 5, 10115 Berlin" or "Flat 3, 12 High St,
// SW1A 1AA London, United Kingdom". The parts are split at commas: the
// last part is "POSTCODE TOWN" (the postcode is the leading words that
// hold a digit, the first at least four characters; a part without one is
// the town alone), the parts before it
// are street lines. A trailing part of letters only after a part that
// starts with a postcode is the country. A single part is the street,
// unless it starts with a postcode. "" is no address.
func ParseAddress(s string) (Address, error) {
	var parts []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			parts = append(parts, p)
		}
	}
	var a Address
	if len(parts) == 0 {
		return a, nil
	}
	if n := len(parts); n >= 3 && isWordsOnly(parts[n-1]) {
		if pc, _ := splitPostcode(parts[n-2]); pc != "" {
			a.Country, parts = parts[n-1], parts[:n-1]
		}
	}
	last := parts[len(parts)-1]
	pc, town := splitPostcode(last)
	if len(parts) == 1 && pc == "" {
		a.Street = last // "Hauptstr. 5": a street, not a town
	} else {
		a.Postcode, a.Town = pc, town
		a.Street = strings.Join(parts[:len(parts)-1], "\n")
	}
	if err := a.Validate(); err != nil {
		return Address{}, err
	}
	return a, nil
}

// splitPostcode splits "SW1A 1AA London" into "SW1A 1AA" and "London":
// the postcode is the leading words that hold a digit, the first of them
// at least four characters long (so "12 High St" is a house number and a
// street, not a postcode and a town).
func splitPostcode(part string) (postcode, town string) {
	words := strings.Fields(part)
	i := 0
	for i < len(words) && strings.ContainsFunc(words[i], unicode.IsDigit) && (i > 0 || len(words[i]) >= 4) {
		i++
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}

// isWordsOnly reports whether s is letters, spaces, dots and hyphens: a
// country's name, not a street or a postcode.
func isWordsOnly(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != ' ' && r != '.' && r != '-' && r != '\''
	})
}

// ParseContactFlag reads one phone or e-mail as typed on the command line:
// "mobile:+49 170 1234567", "work: 030 1234", or the value alone (labelled
// other). A word of letters before the first colon must be a label.
func ParseContactFlag(s string) (Contact, error) {
	s = strings.TrimSpace(s)
	if label, value, ok := strings.Cut(s, ":"); ok && label != "" && !strings.ContainsFunc(label, func(r rune) bool { return !unicode.IsLetter(r) }) {
		l, err := ParseContactLabel(label)
		if err != nil {
			return Contact{}, err
		}
		value = strings.TrimSpace(value)
		if value == "" {
			return Contact{}, Errorf(EINVALID, "nothing after %q: write it like mobile:+49 170 1234567", label+":")
		}
		return Contact{Label: l, Value: value}, nil
	}
	return Contact{Label: Other, Value: s}, nil
}
