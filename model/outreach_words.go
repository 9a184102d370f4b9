package model

// Words says what an outreach entry was in words, for a card's history:
// "birthday card", "unhappy customer call", "follow-up in person". An
// entry logged from the week carries the item's id in About, which no one
// should have to read; one written by hand keeps its own words ("card:
// for the new baby").
func (o Outreach) Words() string {
	if kind, _, err := ParseItemID(o.About); err == nil {
		return kind.Noun(1) + " " + string(o.Channel)
	}
	if o.About == "" {
		return string(o.Channel)
	}
	return string(o.Channel) + ": " + o.About
}
