package model

import (
	"strings"
	"unicode"
)

// foldAccents maps precomposed Latin letters to their base letters. The
// module has no Unicode normalization package; this covers the letters
// names in the shop's languages carry, and combining marks are dropped
// below, so a decomposed "é" folds too.
var foldAccents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "ā", "a", "ă", "a", "ą", "a",
	"ç", "c", "ć", "c", "č", "c", "ď", "d", "đ", "d",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ė", "e", "ę", "e", "ě", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i",
	"ł", "l", "ľ", "l", "ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "ō", "o", "ő", "o",
	"ř", "r", "ś", "s", "š", "s", "ş", "s", "ß", "ss", "ť", "t", "ţ", "t",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z", "æ", "ae", "œ", "oe",
)

// NameKey is a name as duplicates are compared: lower case, accents
// folded, punctuation and extra spaces gone ("José  O'Neil" → "jose o neil").
func NameKey(name string) string {
	s := foldAccents.Replace(strings.ToLower(name))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// ShortNameKey is NameKey without middle names: the first and last word
// ("Anna Maria Schmidt" → "anna schmidt"); a name of one or two words is
// its NameKey.
func ShortNameKey(name string) string {
	f := strings.Fields(NameKey(name))
	if len(f) <= 2 {
		return strings.Join(f, " ")
	}
	return f[0] + " " + f[len(f)-1]
}
