//! The emission program's errors. Codes, names and messages are mirrored in
//! `programs-idl/emission.json` (`errors`), from which the Go client decodes them.

ionet_sdk::program_errors! {
    /// Errors of the emission program.
    pub enum EmissionError {
        ZeroAmount = 6000 => "amount must be greater than zero",
        Overflow = 6001 => "arithmetic overflow",
        InvalidParams = 6002 => "invalid parameters: staker split at most 10000 bps, max epochs per crank from 1 to 3600, crank tip at most 1 IO",
        Unauthorized = 6003 => "signer is not the emission authority",
        NotTreasuryAuthority = 6004 => "signer is not the treasury authority, or the token account is not owned by it",
        WrongMint = 6005 => "mint or token account is not the IO mint",
        WrongMintAuthority = 6006 => "signer is not the IO mint's current mint authority",
        MintHasFreezeAuthority = 6007 => "the IO mint has a freeze authority: emission needs a mint nobody can freeze",
        WrongDecimals = 6008 => "the IO mint does not have 8 decimals",
        WrongLaunchSupply = 6009 => "the IO mint supply is not the 500,000,000 IO launch supply",
        WrongVault = 6010 => "account is not this program's vault",
        WrongStakingAccount = 6011 => "account is not the staking program, config or reward vault this program was set up with",
        NothingToMint = 6012 => "no ended epoch is left to mint: wait for the current epoch to end",
        EmissionEnded = 6013 => "the final epoch is minted: nothing is left to emit",
        ReasonTooLong = 6014 => "burn reason is longer than 64 bytes",
        WrongBurnRecord = 6015 => "burn record is not the PDA of the next burn index",
        UnknownInstruction = 6016 => "unknown instruction discriminator",
    }
}
