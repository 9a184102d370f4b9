package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"regulars/model"
)

// visitForm logs a visit.
func visitForm(c *Common, id int64, name string) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "Date", value: "today", placeholder: "YYYY-MM-DD", hint: "today, yesterday, MM-DD or YYYY-MM-DD"},
		{label: "Amount", placeholder: "e.g. 12.50", hint: "like 12.50; 0 for none"},
		{label: "What", placeholder: "what they had or bought"},
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
		if len(errs) > 0 {
			return errs, nil
		}
		v := &model.Visit{CustomerID: id, On: day, Cents: cents, What: strings.TrimSpace(vals[2])}
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.AddVisit(ctx, v); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Visit logged for " + name}, nil
		}
	}
	f := newFieldForm(c, "Visit by "+name, specs, check)
	f.customerID, f.draftName = id, "visit"
	// The day is nearly always today: the amount is what is typed first.
	f.focus = 1
	return f
}

// thankYouForm notes a thank-you to send.
func thankYouForm(c *Common, id int64, name string) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "For", placeholder: "what to thank them for"},
		// A week from today, as the command line's default.
		{label: "Send by", value: today.AddDays(7).String(), hint: "today, tomorrow, MM-DD (the next one) or YYYY-MM-DD"},
	}
	s := c.Store
	check := func(vals []string) (map[int]string, writeFunc) {
		errs := map[int]string{}
		reason := strings.TrimSpace(vals[0])
		if reason == "" {
			errs[0] = "say what the thank-you is for"
		}
		due, err := model.ParseDateAhead(vals[1], today)
		if err != nil {
			errs[1] = model.ErrorMessage(err)
		}
		if len(errs) > 0 {
			return errs, nil
		}
		t := &model.ThankYou{CustomerID: id, Reason: reason, Due: due}
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.AddThankYou(ctx, t); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Thank-you noted for " + name}, nil
		}
	}
	f := newFieldForm(c, "Thank-you for "+name, specs, check)
	f.customerID, f.draftName = id, "thanks"
	return f
}

// feedbackForm records what a customer said.
func feedbackForm(c *Common, id int64, name string) *FieldForm {
	today := c.Today()
	specs := []fieldSpec{
		{label: "Rating", placeholder: "1 to 5", hint: "1 unhappy … 5 delighted", limit: 3},
		{label: "Comment", placeholder: "what they said", limit: model.MaxNoteLen},
		{label: "Date", value: "today", hint: "today, yesterday, MM-DD or YYYY-MM-DD"},
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
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if err := s.AddFeedback(ctx, f); err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Feedback saved for " + name}, nil
		}
	}
	f := newFieldForm(c, "Feedback from "+name, specs, check)
	f.customerID, f.draftName = id, "feedback"
	return f
}
