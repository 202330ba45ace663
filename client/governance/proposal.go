package governance

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// State is a proposal's state (gen.Proposal.State).
type State uint8

const (
	Voting State = iota
	Succeeded
	Defeated
	Executed
	Cancelled
)

var stateNames = []string{"voting", "succeeded", "defeated", "executed", "cancelled"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("state(%d)", uint8(s))
}

// ParseState reads a state name ("voting", "succeeded", ...).
func ParseState(name string) (State, error) {
	for i, n := range stateNames {
		if strings.EqualFold(name, n) {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown proposal state %q: use one of %s", name, strings.Join(stateNames, ", "))
}

// Choice is a vote.
type Choice uint8

const (
	Yes Choice = iota
	No
	Abstain
)

var choiceNames = []string{"yes", "no", "abstain"}

func (c Choice) String() string {
	if int(c) < len(choiceNames) {
		return choiceNames[c]
	}
	return fmt.Sprintf("choice(%d)", uint8(c))
}

// ParseChoice reads "yes", "no" or "abstain".
func ParseChoice(name string) (Choice, error) {
	for i, n := range choiceNames {
		if strings.EqualFold(name, n) {
			return Choice(i), nil
		}
	}
	return 0, fmt.Errorf("unknown vote %q: use yes, no or abstain", name)
}

// ioDecimals are the IO mint's decimals.
const ioDecimals = 8

// Summary is what `ionet gov show` prints about a proposal.
type Summary struct {
	ID       uint64           `json:"id"`
	Title    string           `json:"title"`
	URI      string           `json:"uri"`
	Proposer solana.PublicKey `json:"proposer"`
	State    string           `json:"state"`
	// Yes, No and Abstain are IO, formatted.
	Yes     string `json:"yes"`
	No      string `json:"no"`
	Abstain string `json:"abstain"`
	Voters  uint64 `json:"voters"`
	// Quorum is the IO needed; QuorumProgressPct how much of it the votes cast reach.
	Quorum            string    `json:"quorum"`
	QuorumProgressPct float64   `json:"quorumProgressPct"`
	VotingEnds        time.Time `json:"votingEnds"`
	ExecutableAt      time.Time `json:"executableAt"`
	// TimeLeft is until the end of voting while voting, else until execution (0 once passed).
	TimeLeft string `json:"timeLeft"`
	Actions  int    `json:"actions"`
}

// Summarize describes p at the chain time now.
func Summarize(p *gen.Proposal, now time.Time) Summary {
	io := func(v uint64) string { return solanax.FormatAmount(v, ioDecimals) }
	cast := float64(p.Yes) + float64(p.No) + float64(p.Abstain)
	progress := 100.0
	if p.Quorum > 0 {
		progress = 100 * cast / float64(p.Quorum)
	}
	ends, exec := time.Unix(p.VotingEndsTs, 0).UTC(), time.Unix(p.ExecutableTs, 0).UTC()
	target := exec
	if State(p.State) == Voting {
		target = ends
	}
	left := max(target.Sub(now), 0).Round(time.Second)
	return Summary{
		ID: p.Id, Title: cstring(p.Title[:]), URI: cstring(p.Uri[:]), Proposer: p.Proposer,
		State: State(p.State).String(), Yes: io(p.Yes), No: io(p.No), Abstain: io(p.Abstain), Voters: p.VoterCount,
		Quorum: io(p.Quorum), QuorumProgressPct: progress, VotingEnds: ends, ExecutableAt: exec,
		TimeLeft: left.String(), Actions: int(p.ActionCount),
	}
}

// cstring is the text before the first NUL.
func cstring(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
