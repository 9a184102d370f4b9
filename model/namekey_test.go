package model_test

import (
	"testing"

	"regulars/model"
)

func TestNameKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"Anna Schmidt", "anna  SCHMIDT"},
		{"José Müller", "Jose Muller"},
		{"Jose\u0301 Mu\u0308ller", "José Müller"}, // decomposed accents
		{"Zoë O'Neil", "zoe o neil"},
		{"Łukasz Żółć", "lukasz zolc"},
	} {
		if ka, kb := model.NameKey(tt.a), model.NameKey(tt.b); ka != kb {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want equal", tt.a, ka, tt.b, kb)
		}
	}
	if model.NameKey("Anna Schmidt") == model.NameKey("Anne Schmidt") {
		t.Error("different names share a key")
	}
	for _, tt := range []struct{ in, want string }{
		{"Anna Maria Schmidt", "anna schmidt"},
		{"Anna B. Schmidt", "anna schmidt"},
		{"Anna Schmidt", "anna schmidt"},
		{"Cher", "cher"},
	} {
		if got := model.ShortNameKey(tt.in); got != tt.want {
			t.Errorf("ShortNameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
