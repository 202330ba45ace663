// Package duties are the keeper's kinds of due work, one Duty each: the emission crank, job
// settlement after the challenge window, and expiry of abandoned jobs.
package duties
