package store

import "regulars/model"

// TalkingInput is what model.TalkingPoints reads, from the card. Every view
// of a card draws its talking points as
//
//	model.TalkingPoints(card.TalkingInput(), today)
//
// so the command line's `show` and the terminal card list the same
// points in the same order.
func (c *Card) TalkingInput() model.TalkingInput {
	in := model.TalkingInput{
		Customer:   c.Customer,
		FollowUps:  c.FollowUps,
		ThankYous:  c.ThankYous,
		Feedback:   c.Feedback,
		LastVisit:  c.LastVisit,
		VisitCount: c.VisitCount,
		SpendYear:  c.SpendYear,
		Notes:      c.Notes,
	}
	if c.ReferredBy != nil {
		in.ReferredBy = c.ReferredBy.Name
	}
	for _, r := range c.SentUs {
		in.SentUs = append(in.SentUs, r.Name)
	}
	return in
}
