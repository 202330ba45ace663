// Package duties are the keeper's kinds of due work, one Duty each: the emission crank, job
// settlement after the challenge window, expiry of abandoned jobs, proposal finalization and
// execution, and activation of warming stake once the epochs funded reach it.
package duties
