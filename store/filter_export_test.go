package store

// FilterIndexFallbacks is how many filters x left to SQL while current
// (a word it could not fold for certain).
func FilterIndexFallbacks(x *FilterIndex) int64 { return x.fallbacks.Load() }

// FilterIndexBuilds is how many times x built its snapshot from scratch.
func FilterIndexBuilds(x *FilterIndex) int64 { return x.builds.Load() }

// FilterIndexRefreshes is how many times x read changed customers into its
// overlay.
func FilterIndexRefreshes(x *FilterIndex) int64 { return x.refreshes.Load() }
