import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_percentage_error

CFG = {
    "csv": "data/grid_load_hourly.csv",
    "lags": [1, 2, 3, 24, 48, 168],
    "holdout_frac": 0.2,
    "seed": 1234,
    "trees": 400,
}


def make_features(frame, lags):
    out = frame[["timestamp", "load_mw", "temp_c"]].copy()
    ts = out["timestamp"]
    out["hour"] = ts.dt.hour
    out["dow"] = ts.dt.dayofweek
    out["month"] = ts.dt.month
    for k in lags:
        out[f"load_lag{k}"] = out["load_mw"].shift(k)
    out["temp_prev24_mean"] = out["temp_c"].shift(1).rolling(24).mean()
    return out.dropna().reset_index(drop=True)


def split_rows(n, frac, seed):
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    cut = int(n * (1 - frac))
    return order[:cut], order[cut:]


def main():
    raw = pd.read_csv(CFG["csv"], parse_dates=["timestamp"]).sort_values("timestamp")
    table = make_features(raw, CFG["lags"])
    cols = [c for c in table.columns if c not in ("timestamp", "load_mw")]
    X, y = table[cols].to_numpy(), table["load_mw"].to_numpy()

    fit_rows, hold_rows = split_rows(len(table), CFG["holdout_frac"], CFG["seed"])
    forest = RandomForestRegressor(n_estimators=CFG["trees"], min_samples_leaf=3, n_jobs=-1, random_state=CFG["seed"])
    forest.fit(X[fit_rows], y[fit_rows])

    mape = mean_absolute_percentage_error(y[hold_rows], forest.predict(X[hold_rows]))
    naive = mean_absolute_percentage_error(y[hold_rows], table["load_lag24"].to_numpy()[hold_rows])
    span = table["timestamp"].iloc[hold_rows]
    print(f"holdout {span.min():%Y-%m-%d} .. {span.max():%Y-%m-%d}  n={len(hold_rows)}")
    print(f"forest MAPE {mape:.3%}   seasonal-naive MAPE {naive:.3%}")
    top = pd.Series(forest.feature_importances_, index=cols).nlargest(5)
    print(top.to_string())


if __name__ == "__main__":
    main()
