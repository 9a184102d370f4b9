package model

import (
	"fmt"
	"strings"
)

// ParseAmount reads an amount of money such as "12.50", "12" or "1,234.50"
// into integer cents. It refuses a comma as decimal separator ("12,50"),
// exponents, negative amounts and more than two decimals, with a message that
// says why.
func ParseAmount(s string) (int64, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "$€£")
	if s == "" {
		return 0, Errorf(EINVALID, "an amount is required, like 12.50")
	}
	if strings.HasPrefix(s, "-") {
		return 0, Errorf(EINVALID, "amount %q is negative", orig)
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if !hasDot {
		if i := strings.LastIndexByte(s, ','); i >= 0 && len(s)-i-1 != 3 {
			return 0, Errorf(EINVALID, "amount %q: write the decimal point as a dot, like 12.50", orig)
		}
	}
	// Thousands separators in the whole part must group by three.
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, Errorf(EINVALID, "amount %q: write the decimal point as a dot, like 12.50", orig)
			}
		}
		whole = strings.ReplaceAll(whole, ",", "")
	}
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 || (hasDot && frac == "") {
		return 0, Errorf(EINVALID, "amount %q: use at most two decimals, like 12.50", orig)
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, Errorf(EINVALID, "%q is not an amount: use digits and a dot, like 12.50", orig)
		}
	}
	if len(whole) > 9 {
		return 0, Errorf(EINVALID, "amount %q is too large (at most %s)", orig, FormatCents(MaxCents))
	}
	var cents int64
	for _, r := range whole {
		cents = cents*10 + int64(r-'0')
	}
	cents *= 100
	for i, r := range frac + "00"[len(frac):] {
		if i == 0 {
			cents += int64(r-'0') * 10
		} else {
			cents += int64(r - '0')
		}
	}
	if cents > MaxCents {
		return 0, Errorf(EINVALID, "amount %q is too large (at most %s)", orig, FormatCents(MaxCents))
	}
	return cents, nil
}

// FormatCents formats cents as "12.50".
func FormatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
