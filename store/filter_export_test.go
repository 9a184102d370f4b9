package store

// FilterIndexFallbacks is how many filters x left to SQL while current
// (a word it could not fold for certain).
func FilterIndexFallbacks(x *FilterIndex) int64 { return x.fallbacks.Load() }
