package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"regulars/model"
)

// visitForm logs a visit (old == nil) or edits one.
func visitForm(c *Common, id int64, name string, old *model.Visit) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "Date", value: "today", placeholder: "YYYY-MM-DD", hint: "today, yesterday, MM-DD or YYYY-MM-DD"},
		{label: "Amount", placeholder: "e.g. 12.50", hint: "like 12.50; 0 for none"},
		{label: "What", placeholder: "what they had or bought"},
	}
	if old != nil {
		specs[0].value = old.On.String()
		specs[1].value = model.FormatCents(old.Cents)
		specs[2].value = clean(old.What)
	}
	s := c.Store
	check := func(vals []string) (map[int]string, writeFunc) {
		errs := map[int]string{}
		day, err := model.ParseDate(vals[0], today)
		if err != nil {
			errs[0] = model.ErrorMessage(err)
		}
		var cents int64
		if strings.TrimSpace(vals[1]) != "" {
			if cents, err = model.ParseAmount(vals[1]); err != nil {
				errs[1] = model.ErrorMessage(err)
			}
		}
		if day.After(today) {
			errs[0] = "that day has not come yet"
		}
		// A stray v then ctrl+s must not log a visit of nothing.
		if errs[1] == "" && strings.TrimSpace(vals[1]) == "" && strings.TrimSpace(vals[2]) == "" {
			errs[1] = "an amount or what they had: there is nothing to log yet"
		}
		if len(errs) > 0 {
			return errs, nil
		}
		v := &model.Visit{CustomerID: id, On: day, Cents: cents, What: strings.TrimSpace(vals[2])}
		if old != nil {
			prev := *old
			v.ID, v.Author = old.ID, old.Author
			return nil, func(ctx context.Context) (FormDoneMsg, error) {
				if err := s.UpdateVisit(ctx, v); err != nil {
					return FormDoneMsg{}, err
				}
				return FormDoneMsg{CustomerID: id, Status: "Visit saved for " + name,
					change: edited(id, model.Record{Visit: &prev}, "the visit of "+prev.On.Short())}, nil
			}
		}
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.AddVisit(ctx, v); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Visit logged for " + name,
				change: added(id, v.RecordID(), "the visit of "+v.On.Short())}, nil
		}
	}
	title := "Visit by " + name
	if old != nil {
		title = "Edit visit by " + name
	}
	f := newFieldForm(c, title, specs, check)
	if old == nil {
		// Editing keeps no draft: the visit itself is kept.
		f.customerID, f.draftName = id, "visit"
	}
	// The day is nearly always today: the amount is what is typed first.
	f.focus = 1
	return f
}

// thankYouForm notes a thank-you to send (old == nil) or edits one.
func thankYouForm(c *Common, id int64, name string, old *model.ThankYou) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "For", placeholder: "what to thank them for"},
		// A week from today, as the command line's default.
		{label: "Send by", value: today.AddDays(7).String(), hint: "today, tomorrow, MM-DD (the next one) or YYYY-MM-DD"},
	}
	if old != nil {
		specs[0].value, specs[1].value = clean(old.Reason), old.Due.String()
	}
	s := c.Store
	check := func(vals []string) (map[int]string, writeFunc) {
		errs := map[int]string{}
		reason := strings.TrimSpace(vals[0])
		if reason == "" {
			errs[0] = "say what the thank-you is for"
		}
		due, err := model.ParseDateAhead(vals[1], today)
		if old != nil && vals[1] == specs[1].value {
			// An unchanged day stays, even one gone by.
			due, err = old.Due, nil
		}
		if err != nil {
			errs[1] = model.ErrorMessage(err)
		}
		if len(errs) > 0 {
			return errs, nil
		}
		t := &model.ThankYou{CustomerID: id, Reason: reason, Due: due}
		if old != nil {
			prev := *old
			t.ID, t.Sent, t.SentAt = old.ID, old.Sent, old.SentAt
			return nil, func(ctx context.Context) (FormDoneMsg, error) {
				if err := s.UpdateThankYou(ctx, t); err != nil {
					return FormDoneMsg{}, err
				}
				return FormDoneMsg{CustomerID: id, Status: "Thank-you saved for " + name,
					change: edited(id, model.Record{ThankYou: &prev}, "the thank-you")}, nil
			}
		}
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.AddThankYou(ctx, t); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Thank-you noted for " + name,
				change: added(id, t.RecordID(), "the thank-you")}, nil
		}
	}
	title := "Thank-you for " + name
	if old != nil {
		title = "Edit thank-you for " + name
	}
	f := newFieldForm(c, title, specs, check)
	if old == nil {
		f.customerID, f.draftName = id, "thanks"
	}
	return f
}

// feedbackForm records what a customer said (old == nil) or edits it.
func feedbackForm(c *Common, id int64, name string, old *model.Feedback) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "Rating", placeholder: "1 to 5", hint: "1 unhappy … 5 delighted", limit: 3},
		{label: "Comment", placeholder: "what they said", limit: model.MaxNoteLen},
		{label: "Date", value: "today", hint: "today, yesterday, MM-DD or YYYY-MM-DD"},
	}
	if old != nil {
		specs[0].value, specs[1].value, specs[2].value = strconv.Itoa(old.Rating), clean(old.Comment), old.On.String()
	}
	s := c.Store
	check := func(vals []string) (map[int]string, writeFunc) {
		errs := map[int]string{}
		rating, err := strconv.Atoi(strings.TrimSpace(vals[0]))
		switch {
		case strings.TrimSpace(vals[0]) == "":
			errs[0] = "a rating from 1 to 5"
		case err != nil:
			errs[0] = fmt.Sprintf("%q is not a number from 1 to 5", vals[0])
		case rating < 1 || rating > 5:
			errs[0] = "ratings go from 1 to 5"
		}
		day, err := model.ParseDate(vals[2], today)
		if err != nil {
			errs[2] = model.ErrorMessage(err)
		}
		if len(errs) > 0 {
			return errs, nil
		}
		f := &model.Feedback{CustomerID: id, On: day, Rating: rating, Comment: strings.TrimSpace(vals[1])}
		if old != nil {
			prev := *old
			f.ID, f.Replied, f.RepliedAt = old.ID, old.Replied, old.RepliedAt
			return nil, func(ctx context.Context) (FormDoneMsg, error) {
				if err := s.UpdateFeedback(ctx, f); err != nil {
					return FormDoneMsg{}, err
				}
				return FormDoneMsg{CustomerID: id, Status: "Feedback saved for " + name,
					change: edited(id, model.Record{Feedback: &prev}, "the feedback")}, nil
			}
		}
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.AddFeedback(ctx, f); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Feedback saved for " + name,
				change: added(id, f.RecordID(), "the feedback")}, nil
		}
	}
	title := "Feedback from " + name
	if old != nil {
		title = "Edit feedback from " + name
	}
	f := newFieldForm(c, title, specs, check)
	if old == nil {
		f.customerID, f.draftName = id, "feedback"
	}
	return f
}

// outreachForm edits an outreach entry: the day, how, and a note.
func outreachForm(c *Common, id int64, name string, old *model.Outreach) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "Date", value: old.On.String(), hint: "today, yesterday, MM-DD or YYYY-MM-DD"},
		{label: "How", value: string(old.Channel), hint: "card, call, email, message or in person"},
		{label: "Note", value: cleanLines(old.Note), limit: model.MaxNoteLen},
	}
	s := c.Store
	check := func(vals []string) (map[int]string, writeFunc) {
		errs := map[int]string{}
		day, err := model.ParseDate(vals[0], today)
		if err != nil {
			errs[0] = model.ErrorMessage(err)
		}
		ch, err := model.ParseChannel(vals[1])
		if err != nil {
			errs[1] = model.ErrorMessage(err)
		}
		if len(errs) > 0 {
			return errs, nil
		}
		prev := *old
		o := *old
		o.On, o.Channel, o.Note = day, ch, strings.TrimSpace(vals[2])
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.UpdateOutreach(ctx, &o); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Outreach saved for " + name,
				change: edited(id, model.Record{Outreach: &prev}, "the outreach of "+prev.On.Short())}, nil
		}
	}
	return newFieldForm(c, "Edit outreach to "+name, specs, check)
}
