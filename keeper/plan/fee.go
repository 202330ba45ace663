package plan

import "slices"

// PriorityFee is the compute-unit price to bid: the percentile (1..100) of recent fees paid
// for the accounts a transaction writes, at least floor and at most ceiling (ceiling 0: no
// cap). With no samples or no percentile it is floor.
func PriorityFee(recent []uint64, percentile int, floor, ceiling uint64) uint64 {
	fee := floor
	if percentile > 0 && len(recent) > 0 {
		sorted := slices.Sorted(slices.Values(recent))
		i := (len(sorted)*min(percentile, 100) + 99) / 100 // nearest rank
		fee = max(fee, sorted[max(i, 1)-1])
	}
	if ceiling > 0 {
		fee = min(fee, ceiling)
	}
	return fee
}
