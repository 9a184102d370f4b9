package model

import (
	"math"
	"strconv"
)

// RhythmWords says in words how often a regular comes, from the median
// number of days between their visits: "about every week", "about every
// two months". People think in weeks and months, not in "27.5 days".
func RhythmWords(days float64) string {
	switch {
	case days < 4:
		return "every few days"
	case days < 45.5:
		weeks := int(math.Round(days / 7))
		if weeks <= 1 {
			return "about every week"
		}
		return "about every " + countWord(weeks) + " weeks"
	}
	months := int(math.Round(days / 30.44))
	return "about every " + countWord(max(months, 2)) + " months"
}

// countWord writes small counts as words, larger ones as digits.
func countWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}
