"""Dispatch: travel times, planning runs, plans and routes, explanations."""
