package model

import (
	"time"
	"unicode/utf8"
)

// Draft is what was typed into a form that is still open: kept as it is
// typed, offered back when the form opens again for the same customer, and
// dropped when the form is saved or dropped on purpose. Body is the form's
// own encoding of its fields.
type Draft struct {
	CustomerID int64
	Form       string // "note", "visit", "thanks", "feedback", "customer"
	Author     string // who is typing; "" for the local owner
	Body       string
	Saved      time.Time
}

// MaxDraftLen bounds a draft: a note at its longest and its other fields.
const MaxDraftLen = 4 * MaxNoteLen

// Validate checks a draft can be kept.
func (d *Draft) Validate() error {
	if d.CustomerID <= 0 {
		return Errorf(EINVALID, "a draft belongs to a customer")
	}
	if d.Form == "" {
		return Errorf(EINVALID, "a draft names its form")
	}
	if !utf8.ValidString(d.Body) {
		return Errorf(EINVALID, "draft is not valid UTF-8 text")
	}
	if len(d.Body) > MaxDraftLen {
		return Errorf(EINVALID, "draft is too long: %d bytes, at most %d", len(d.Body), MaxDraftLen)
	}
	return nil
}
