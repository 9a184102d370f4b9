package model_test

import (
	"testing"

	"regulars/model"
)

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{
		"12.50": 1250, "12": 1200, "12.5": 1250, "0.99": 99, ".5": 50, "1,234.50": 123450, "€3.20": 320, " 7 ": 700,
		"1,000": 100000,
	} {
		got, err := model.ParseAmount(in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"12,50":     `amount "12,50": write the decimal point as a dot, like 12.50`,
		"1e9":       `"1e9" is not an amount: use digits and a dot, like 12.50`,
		"-3":        `amount "-3" is negative`,
		"12.345":    `amount "12.345": use at most two decimals, like 12.50`,
		"":          "an amount is required, like 12.50",
		"12.":       `amount "12.": use at most two decimals, like 12.50`,
		"abc":       `"abc" is not an amount: use digits and a dot, like 12.50`,
		"999999999": `amount "999999999" is too large (at most 1000000.00)`,
	} {
		_, err := model.ParseAmount(in)
		if model.ErrorMessage(err) != want {
			t.Errorf("ParseAmount(%q) error = %v, want %q", in, err, want)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12.50", "12,50", "1e9", "-1", "1,234.56", "€0.01", ".", ",", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := model.ParseAmount(s)
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if c < 0 || c > model.MaxCents {
			t.Fatalf("%q → %d cents out of range", s, c)
		}
		if back, err := model.ParseAmount(model.FormatCents(c)); err != nil || back != c {
			t.Fatalf("%q → %d → %q → %d, %v", s, c, model.FormatCents(c), back, err)
		}
	})
}
