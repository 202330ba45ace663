//! `heartbeat(epoch)`: a registered device eligible by stake proves it is live in the current
//! epoch. The device key signs. Its heartbeats are kept in its `DeviceLiveness` account (the
//! seeded address of `"liveness"` under the device key), which `open_liveness` creates once per
//! device (the clients send it with the first heartbeat; `NoLivenessAccount` without it): a
//! heartbeat loads it (owner, discriminator and the stored device key and owner: no address is
//! derived, no account created, no CPI) and writes the epoch's entry in place. An entry for the
//! epoch already there makes a second heartbeat in the same epoch fail (`AlreadyLive`); the
//! entry overwritten is 72 epochs old, out of the ring no claim reaches. The weight
//! (`multiplier_bps x gpu_count`) is added to the epoch's total in the liveness pool (created by
//! `initialize`: the one `LivenessPool`, so its owner and discriminator prove it). `epoch` must be
//! the clock's epoch, so a transaction delayed into the next hour fails rather than counting for
//! an epoch its sender did not mean. When the link PDA `["capacity"]` names a capacity program
//! (`set_capacity_program`, which records the link in the state), the device must also be live
//! by its capacity record: a passed challenge within the validity, none missed since, no proven
//! fault.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::pda::find_program_address;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::shared::overflow;
use super::Context;
use crate::error::EmissionError;
use crate::events;
use crate::schedule::{last_ended_epoch, LAST_EPOCH};
use crate::staking::live_device;
use crate::state::{
    ring_slot, CapacityLink, DeviceLiveness, EmissionState, LivenessPool, CAPACITY_SEED,
    LINK_ABSENT, LINK_UNRECORDED,
};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [device_key, state_account, pool_account, liveness, staking_config, device, capacity_link, capacity_config, capacity_record, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let epoch = args.u64()?;
    args.finish()?;

    device_key.check_signer()?;
    let (start_ts, staking_program, stored_config, link_recorded) = {
        let state = EmissionState::load(state_account, program_id)?;
        (
            state.start_ts,
            state.staking_program,
            state.staking_config,
            state.capacity_link,
        )
    };
    if staking_config.key() != &stored_config {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let live = live_device(staking_config, device, device_key.key(), &staking_program)?;
    let clock = Clock::get()?;
    let now = clock.unix_timestamp;
    check_capacity(
        program_id,
        device_key.key(),
        link_recorded,
        [capacity_link, capacity_config, capacity_record],
        (clock.slot, now),
    )?;
    let current = if now < start_ts {
        0
    } else {
        last_ended_epoch(start_ts, now) + 1
    };
    if epoch != current || current > LAST_EPOCH {
        return Err(fail(EmissionError::WrongEpoch));
    }
    // The device's liveness account, checked as this device's: only the device key's signature
    // creates the account at its address, and the owner and discriminator prove this program
    // (open_liveness) wrote it.
    if liveness.data_is_empty() {
        return Err(fail(EmissionError::NoLivenessAccount));
    }
    let mut l = DeviceLiveness::load_mut(liveness, program_id)
        .map_err(|_| fail(EmissionError::WrongLivenessAccount))?;
    if &l.device_key != device_key.key() || l.owner != live.owner {
        return Err(fail(EmissionError::WrongLivenessAccount));
    }
    if l.holds(epoch) {
        return Err(fail(EmissionError::AlreadyLive));
    }

    // Checks done; effects from here.
    let total_weight = {
        let mut pool = LivenessPool::load_mut(pool_account, program_id)
            .map_err(|_| fail(EmissionError::WrongLivenessPool))?;
        pool.advance(epoch)
            .ok_or_else(|| fail(EmissionError::WrongEpoch))?;
        let slot = &mut pool.total_weights[ring_slot(epoch)];
        *slot = slot.checked_add(live.weight).ok_or_else(overflow)?;
        *slot
    };
    l.record(epoch, live.weight, live.shared);
    drop(l);
    events::heartbeat_recorded(
        device_key.key(),
        &live.owner,
        epoch,
        live.weight,
        total_weight,
    );
    Ok(())
}

/// The capacity proof: when the link PDA `["capacity"]` names a capacity program, the device must
/// be live by that program's record (`capacity_state::reader::is_device_live`). An absent link or
/// the zero key asks for nothing. Whether the link exists is recorded in the state
/// (`capacity_link`), so no address is derived: absent, the link account is not read; created,
/// it must load as the `CapacityLink` (the one account of its type, made at its PDA), so an empty
/// or other account in its place fails. Only a state made before that record derives the address
/// of an empty link account, as before.
// Always inlined: its arguments are more than SBPF's five argument registers.
#[inline(always)]
fn check_capacity(
    program_id: &Pubkey,
    device_key: &Pubkey,
    link_recorded: u8,
    [link, config, record]: [&AccountInfo; 3],
    at: (u64, i64),
) -> ProgramResult {
    let wrong = || fail(EmissionError::WrongCapacityAccount);
    if link_recorded == LINK_ABSENT {
        return Ok(());
    }
    if link_recorded == LINK_UNRECORDED && link.data_is_empty() {
        let (expected, _) = find_program_address(&[CAPACITY_SEED], program_id)?;
        return if link.key() == &expected {
            Ok(())
        } else {
            Err(wrong())
        };
    }
    let capacity_program = CapacityLink::load(link, program_id)
        .map_err(|_| wrong())?
        .capacity_program;
    if capacity_program == [0; 32] {
        return Ok(());
    }
    if record.data_is_empty() {
        // Never challenged: no record yet (whatever the address, nothing can pass).
        return Err(fail(EmissionError::DeviceNotProven));
    }
    if !capacity_state::reader::is_device_live(
        config,
        record,
        &capacity_program,
        device_key,
        at,
        wrong,
    )? {
        return Err(fail(EmissionError::DeviceNotProven));
    }
    Ok(())
}
