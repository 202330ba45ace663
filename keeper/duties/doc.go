// Package duties are the keeper's kinds of due work, one Duty each: the emission crank, job
// settlement after the challenge window, expiry of abandoned jobs, proposal finalization and
// execution, activation of warming stake once the epochs funded reach it, and proof of capacity
// (challenges at random times, expiry of missed ones, slashing of proven faults).
package duties
