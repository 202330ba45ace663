package jobs

import (
	"context"
	"fmt"

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
	return Pick(mint)(Currencies(cfg))
}

// Pick chooses, of the io and usdc currencies, the one of a job paid in mint (IO unless mint
// is the USDC mint): Pick(job.Mint)(c.FetchCurrencies(ctx, cfg)).
func Pick(mint solana.PublicKey) func(io, usdc Currency) Currency {
	return func(io, usdc Currency) Currency {
		if mint.Equals(usdc.Mint) {
			return usdc
		}
		return io
	}
}

// FetchCurrencies are Currencies(cfg) with each mint's decimals as the chain records them.
func (c *Client) FetchCurrencies(ctx context.Context, cfg *gen.JobsConfig) (io, usdc Currency, err error) {
	io, usdc = Currencies(cfg)
	for _, cur := range []*Currency{&io, &usdc} {
		mint, err := c.sx.FetchMint(ctx, cur.Mint)
		if err != nil {
			return io, usdc, fmt.Errorf("read the %s mint %s: %w", cur.Name, cur.Mint, err)
		}
		cur.Decimals = mint.Decimals
	}
	return io, usdc, nil
}

// Format writes units of the currency with its name: "12.5 USDC".
func (c Currency) Format(units uint64) string {
	return solanax.FormatAmount(units, c.Decimals) + " " + c.Name
}
