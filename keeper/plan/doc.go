// Package plan is the keeper's scheduling logic, free of I/O: which known tasks are due at a
// chain time, how far behind the keeper is, how due steps pack into transactions, and how long
// a task that failed waits before it is read and tried again.
package plan
