package model

// PreferredFirst returns the contacts with the preferred one first, the
// others in their order: how the card lists a customer's phones and
// e-mails.
func PreferredFirst(list []Contact) []Contact {
	out := make([]Contact, 0, len(list))
	for _, c := range list {
		if c.Preferred {
			out = append(out, c)
		}
	}
	for _, c := range list {
		if !c.Preferred {
			out = append(out, c)
		}
	}
	return out
}
