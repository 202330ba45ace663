package plan

// Pack splits items, in order, into batches that each fit one transaction: a batch's summed
// units stay within maxUnits and fits (the transaction size check) accepts it. An item that
// fits nowhere even alone gets a batch of its own, so that sending it reports why.
func Pack[T any](items []T, units func(T) uint64, maxUnits uint64, fits func([]T) bool) [][]T {
	var out [][]T
	var cur []T
	var used uint64
	for _, it := range items {
		u := units(it)
		if len(cur) > 0 && (used+u > maxUnits || !fits(append(cur[:len(cur):len(cur)], it))) {
			out = append(out, cur)
			cur, used = nil, 0
		}
		cur = append(cur, it)
		used += u
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
