package model

// Candidates for the queue, as the store finds them. Each list may hold
// more than qualifies: the rules decide.

// YearlyCandidate is a customer with a birthday or anniversary.
type YearlyCandidate struct {
	CustomerID int64
	Name       string
	Date       MonthDay
}

// ThankYouCandidate is a thank-you not yet sent.
type ThankYouCandidate struct {
	ID         int64
	CustomerID int64
	Name       string
	Reason     string
	Due        Date
}

// PurchaseCandidate is a visit that has no thank-you.
type PurchaseCandidate struct {
	VisitID    int64
	CustomerID int64
	Name       string
	On         Date
	Cents      int64
}

// SpendCandidate is a customer's spend over some days.
type SpendCandidate struct {
	CustomerID int64
	Name       string
	Cents      int64
	// LastOutreach is the last day before the queue week the owner reached
	// out (zero if never), for check-ins.
	LastOutreach Date
	// LastContact is the last day up to today the owner reached out (zero
	// if never): what the check-in's reason says.
	LastContact Date
}

// NewCandidate is a customer's first visit, or when they were added if
// they never visited.
type NewCandidate struct {
	CustomerID int64
	Name       string
	FirstVisit Date // zero when they never visited
	Added      Date // the day they were added, in the owner's time zone
	// Imported: brought in by import, a customer from before the notebook,
	// so being added is no first visit.
	Imported bool
}

// LapsedCandidate is a regular's rhythm.
type LapsedCandidate struct {
	CustomerID int64
	Name       string
	LastVisit  Date
	// NthLastVisit is the day of their LapsedVisits-th latest visit up to
	// today (zero when they have fewer): with it in the lookback window,
	// they visited often enough to count as a regular. (The store keeps
	// the third latest: LapsedVisits is 3.)
	NthLastVisit Date
	MedianGap    float64 // median days between their visits (see MedianGap)
}

// FeedbackCandidate is feedback without a reply.
type FeedbackCandidate struct {
	ID         int64
	CustomerID int64
	Name       string
	On         Date
	Rating     int
	Comment    string
}

// FollowUpCandidate is a note to ask about.
type FollowUpCandidate struct {
	NoteID     int64
	CustomerID int64
	Name       string
	AskOn      Date
	Text       string
	Private    bool
	LastVisit  Date // their last visit (zero if none): one on or after AskOn was the chance to ask
}

// ReferralCandidate is a customer someone sent us, with their first visit:
// the one who sent them is thanked.
type ReferralCandidate struct {
	CustomerID int64 // who sent them: the item is theirs
	Name       string
	ReferredID int64
	Referred   string // the name of the one they sent
	FirstVisit Date
}
