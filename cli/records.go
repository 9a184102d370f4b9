package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

func (e *env) noteCmd() *cobra.Command {
	var askOn string
	var private bool
	cmd := &cobra.Command{
		Use:               "note WHO TEXT",
		Short:             "write a note about a customer; with --ask-on it is a follow-up due that day",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("note", "say who and the note's text")
			}
			n := &model.Note{Text: strings.Join(args[1:], " "), Private: private}
			if askOn != "" {
				d, err := e.dateAheadFlag("ask-on", askOn)
				if err != nil {
					return err
				}
				n.AskOn = d
			}
			if err := n.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				n.CustomerID = c.ID
				if err := s.AddNote(ctx, n); err != nil {
					return err
				}
				msg := fmt.Sprintf("Noted for %s", model.Sanitize(c.Name))
				if !n.AskOn.IsZero() {
					msg += fmt.Sprintf("; ask about it from %s", n.AskOn.Short())
				}
				fmt.Fprintln(e.stdout, msg+".")
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&askOn, "ask-on", "", "make it a follow-up to ask about from this date (MM-DD: the coming one)")
	cmd.Flags().BoolVar(&private, "private", false, "hide the note in screen-safe mode")
	noFileFlags(cmd)
	return cmd
}

func (e *env) visitCmd() *cobra.Command {
	var visitOn, what string
	cmd := &cobra.Command{
		Use:               "visit WHO [AMOUNT]",
		Short:             "log a visit, with what they spent (like 12.50)",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 {
				return usagef("visit", "say who, and optionally the amount")
			}
			if len(args) > 2 {
				return usagef("visit", "unexpected word %q after the amount; the flags --what and --on say what and when", args[2])
			}
			v := &model.Visit{What: what}
			if len(args) == 2 {
				cents, err := model.ParseAmount(args[1])
				if err != nil {
					return err
				}
				v.Cents = cents
			}
			d, err := e.dateFlag("on", visitOn)
			if err != nil {
				return err
			}
			if d.After(e.today) {
				return model.Errorf(model.EINVALID, "--on: %s is in the future", d)
			}
			v.On = d
			if err := v.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				v.CustomerID = c.ID
				if err := s.AddVisit(ctx, v); err != nil {
					return err
				}
				amount := ""
				if len(args) == 2 {
					amount = " (" + model.FormatCents(v.Cents) + ")"
				}
				fmt.Fprintf(e.stdout, "Visit logged for %s on %s%s.\n", model.Sanitize(c.Name), v.On.Short(), amount)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&visitOn, "on", "today", "the day of the visit")
	cmd.Flags().StringVar(&what, "what", "", "what they bought")
	noFileFlags(cmd)
	return cmd
}

func (e *env) thanksCmd() *cobra.Command {
	var due string
	cmd := &cobra.Command{
		Use:               "thanks WHO REASON",
		Short:             "plan a thank-you (due a week from today unless --due)",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("thanks", "say who and what the thank-you is for")
			}
			t := &model.ThankYou{Reason: strings.Join(args[1:], " "), Due: e.today.AddDays(7)}
			if due != "" {
				d, err := e.dateAheadFlag("due", due)
				if err != nil {
					return err
				}
				t.Due = d
			}
			if err := t.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				t.CustomerID = c.ID
				if err := s.AddThankYou(ctx, t); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Thank-you for %s due %s.\n", model.Sanitize(c.Name), t.Due.Short())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&due, "due", "", "when to send it (default: a week from today; MM-DD: the coming one)")
	noFileFlags(cmd)
	return cmd
}

func (e *env) feedbackCmd() *cobra.Command {
	var feedbackOn string
	cmd := &cobra.Command{
		Use:               "feedback WHO RATING [COMMENT]",
		Short:             "record feedback rated 1 to 5; 3 or lower waits for a personal reply",
		ValidArgsFunction: e.completeWho,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("feedback", "say who and the rating (1 to 5)")
			}
			rating, err := model.ParseRating(args[1])
			if err != nil {
				return err
			}
			d, err := e.dateFlag("on", feedbackOn)
			if err != nil {
				return err
			}
			f := &model.Feedback{Rating: rating, On: d, Comment: strings.Join(args[2:], " ")}
			if err := f.Validate(); err != nil {
				return err
			}
			return withCustomer(e, args[0], func(ctx context.Context, s *store.Store, c *model.Customer) error {
				f.CustomerID = c.ID
				if err := s.AddFeedback(ctx, f); err != nil {
					return err
				}
				msg := fmt.Sprintf("Feedback from %s: %d of 5", model.Sanitize(c.Name), f.Rating)
				if f.Rating <= model.UnhappyRating {
					msg += "; it waits for your reply in this week's outreach"
				}
				fmt.Fprintln(e.stdout, msg+".")
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&feedbackOn, "on", "today", "the day of the feedback")
	noFileFlags(cmd)
	return cmd
}

// dateAheadFlag reads a date that looks ahead (when to ask, when a
// thank-you is due): a month and day alone is the next such day.
func (e *env) dateAheadFlag(name, value string) (model.Date, error) {
	d, err := model.ParseDateAhead(value, e.today)
	if err != nil {
		return model.Date{}, model.Errorf(model.EINVALID, "--%s: %s", name, model.ErrorMessage(err))
	}
	return d, nil
}

// dateFlag reads the date given to a flag, relative to today; a bad one is
// refused with the flag's name.
func (e *env) dateFlag(name, value string) (model.Date, error) {
	d, err := model.ParseDate(value, e.today)
	if err != nil {
		return model.Date{}, model.Errorf(model.EINVALID, "--%s: %s", name, model.ErrorMessage(err))
	}
	return d, nil
}
