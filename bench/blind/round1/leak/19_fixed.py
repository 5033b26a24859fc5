import numpy as np
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.metrics import mean_absolute_error


class LoadForecastCV:
    """Day-ahead electricity load model evaluated with cross-validation."""

    def __init__(self, n_splits=5, alpha=1.0, horizon=24):
        self.n_splits = n_splits
        self.alpha = alpha
        self.horizon = horizon

    def make_features(self, df):
        out = pd.DataFrame(index=df.index)
        out["y"] = df["load_mw"].shift(-self.horizon)
        for lag in (0, 1, 2, 24, 48, 168):
            out[f"load_lag{lag}"] = df["load_mw"].shift(lag)
        out["temp"] = df["temperature"]
        out["temp_sq"] = df["temperature"] ** 2
        out["hour_sin"] = np.sin(2 * np.pi * df.index.hour / 24)
        out["hour_cos"] = np.cos(2 * np.pi * df.index.hour / 24)
        out["weekend"] = (df.index.dayofweek >= 5).astype(int)
        return out.dropna()

    def splitter(self):
        return TimeSeriesSplit(n_splits=self.n_splits, gap=self.horizon)

    def run(self, df):
        table = self.make_features(df)
        X = table.drop(columns="y").to_numpy()
        y = table["y"].to_numpy()
        maes = []
        for i, (fit_idx, eval_idx) in enumerate(self.splitter().split(X)):
            model = make_pipeline(StandardScaler(), Ridge(alpha=self.alpha))
            model.fit(X[fit_idx], y[fit_idx])
            maes.append(mean_absolute_error(y[eval_idx], model.predict(X[eval_idx])))
            print(f"split {i}: MAE {maes[-1]:.1f} MW ({len(fit_idx)} fit / {len(eval_idx)} eval)")
        return np.array(maes)


def load_data(path):
    df = pd.read_csv(path, parse_dates=["timestamp"], index_col="timestamp")
    df = df.sort_index()
    return df[~df.index.duplicated(keep="first")]


if __name__ == "__main__":
    hourly = load_data("data/pjm_hourly_load.csv")
    exp = LoadForecastCV(n_splits=5, alpha=3.0, horizon=24)
    scores = exp.run(hourly)
    print(f"mean MAE {scores.mean():.1f} +/- {scores.std():.1f} MW")
