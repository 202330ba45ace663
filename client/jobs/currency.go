package jobs

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Currency is a payment mint of the jobs program with its name, decimals and fee rate.
type Currency struct {
	Name     string           `json:"name"`
	Mint     solana.PublicKey `json:"mint"`
	Decimals uint8            `json:"decimals"`
	FeeBps   uint64           `json:"feeBps"`
}

// Currencies are the config's IO and USDC currencies: the reservation fee in both, plus the
// USDC fee in USDC.
func Currencies(cfg *gen.JobsConfig) (io, usdc Currency) {
	return Currency{"IO", cfg.IoMint, solanax.IODecimals, cfg.ReservationFeeBps},
		Currency{"USDC", cfg.UsdcMint, solanax.USDCDecimals, cfg.ReservationFeeBps + cfg.UsdcFeeBps}
}

// CurrencyOf is the currency of a job paid in mint (IO unless mint is the USDC mint).
func CurrencyOf(cfg *gen.JobsConfig, mint solana.PublicKey) Currency {
	io, usdc := Currencies(cfg)
	if mint.Equals(usdc.Mint) {
		return usdc
	}
	return io
}

// Format writes units of the currency with its name: "12.5 USDC".
func (c Currency) Format(units uint64) string {
	return solanax.FormatAmount(units, c.Decimals) + " " + c.Name
}
