package model

// Kind is what a week item is about.
type Kind string

// The kinds of week items, in the order the queue groups them.
const (
	KindBirthday    Kind = "birthday"
	KindAnniversary Kind = "anniversary"
	KindThankYou    Kind = "thank-you"
	KindTopSpender  Kind = "top-spender"
	KindNewCustomer Kind = "new-customer"
	KindCheckIn     Kind = "check-in"
	KindLapsed      Kind = "lapsed"
	KindUnhappy     Kind = "unhappy"
	KindFollowUp    Kind = "follow-up"
	KindReferral    Kind = "referral"
)

// rule applies one of the queue's rules to its candidates in d on today.
type rule func(r WeekRules, today Date, d *WeekData) []Item

// kindRow is what the queue knows of one kind: its names, how its items
// are usually done, the default message, and its rules over its candidates. A new kind is a row
// here, its candidates in WeekData, its rule (in a week_*.go file named
// for it), and its query in the store (a row of kindQueries in
// store/week_queries.go; TestWeekKindQueries checks the two tables agree).
type kindRow struct {
	kind             Kind
	one, many, title string  // one item, several, and as a heading
	channel          Channel // how an item is usually done
	// template is the default message for an item of the kind (see
	// week_drafts.go for the placeholders).
	template string
	// rules make the kind's items. Each rule's items are sorted by due day;
	// a second rule's follow the first's (suggested thank-yous come after
	// the pending ones).
	rules []rule
}

// kindTable lists every kind in queue order. Occasions get a card, an
// unhappy customer and an overdue follow-up a call, a newcomer or the
// week's top spender a word in person, the others a message.
var kindTable = []kindRow{
	{KindBirthday, "birthday", "birthdays", "Birthdays", Card,
		"Happy birthday, {first}! Wishing you a lovely day. Enjoy turning {age}!", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item {
				return r.YearlyItems(today, KindBirthday, d.Birthdays)
			}}},
	{KindAnniversary, "anniversary", "anniversaries", "Anniversaries", Card,
		"Happy anniversary, {first}! Warm wishes to you and {partner}.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item {
				return r.YearlyItems(today, KindAnniversary, d.Anniversaries)
			}}},
	{KindThankYou, "thank-you", "thank-yous", "Thank-yous", Card,
		"Thank you for {reason}, {first}: it means a lot to us.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.ThankYouItems(today, d.ThankYous) },
			func(r WeekRules, today Date, d *WeekData) []Item {
				return r.BigPurchaseItems(today, d.Purchases, d.MedianCents)
			}}},
	{KindReferral, "referral", "referrals", "Referrals", Card,
		"Thank you for {reason}, {first}: a friend sent by you is the nicest compliment.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.ReferralItems(today, d.Referrals) }}},
	{KindTopSpender, "top spender", "top spenders", "Top spender", InPerson,
		"Thank you for coming in so often this week, {first}.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.TopSpenderItems(today, d.WeekSpend) }}},
	{KindNewCustomer, "new customer", "new customers", "New customers", InPerson,
		"Lovely to meet you this week, {first}. We hope to see you again soon.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.NewCustomerItems(today, d.New) }}},
	{KindCheckIn, "check-in", "check-ins", "Check-ins", Message,
		"Hi {first}, it has been a while since we caught up: how are you? Your {usual} is waiting whenever you drop by.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.CheckInItems(today, d.YearSpend) }}},
	{KindLapsed, "lapsed regular", "lapsed regulars", "Lapsed regulars", Message,
		"Hi {first}, we have missed you lately! Your {usual} is waiting whenever you are back.", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.LapsedItems(today, d.Lapsed) }}},
	{KindUnhappy, "unhappy customer", "unhappy customers", "Unhappy customers", Call,
		"Hi {first}, I was sorry to read about your last visit. You wrote: “{reason}”. I would love to make it right; the next one is on me. — {signature}", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.UnhappyItems(d.Feedback) }}},
	{KindFollowUp, "follow-up", "follow-ups", "Follow-ups", Call,
		"Hi {first}, you mentioned: “{ask}”. How did it go?", []rule{
			func(r WeekRules, today Date, d *WeekData) []Item { return r.FollowUpItems(today, d.FollowUps) }}},
}

// Kinds lists every kind in queue order.
var Kinds = func() []Kind {
	ks := make([]Kind, len(kindTable))
	for i, row := range kindTable {
		ks[i] = row.kind
	}
	return ks
}()

// kindRank is the kind's place in the queue; len(Kinds) for no kind.
func kindRank(k Kind) int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// rowOf returns the kind's row, or nil.
func rowOf(k Kind) *kindRow {
	if i := kindRank(k); i < len(kindTable) {
		return &kindTable[i]
	}
	return nil
}

// Title is the heading of a kind's group.
func (k Kind) Title() string {
	if row := rowOf(k); row != nil {
		return row.title
	}
	return string(k)
}

// Noun is what one item of a kind is, in the plural when n is not 1.
func (k Kind) Noun(n int) string {
	row := rowOf(k)
	switch {
	case row == nil:
		return string(k)
	case n == 1:
		return row.one
	}
	return row.many
}

// DefaultChannel is how an item of kind is usually done (see kindTable);
// a message for no kind.
func DefaultChannel(kind Kind) Channel {
	if row := rowOf(kind); row != nil {
		return row.channel
	}
	return Message
}
