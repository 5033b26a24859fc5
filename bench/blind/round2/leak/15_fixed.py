import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error

df = pd.read_csv("../input/bike-demand/station_daily.csv", parse_dates=["date"])
df = df.sort_values(["station_id", "date"]).reset_index(drop=True)
print(df.shape, df["date"].min(), df["date"].max(), df["station_id"].nunique())

df["dow"] = df["date"].dt.dayofweek
df["doy"] = df["date"].dt.dayofyear
df["is_weekend"] = (df["dow"] >= 5).astype(int)
grp = df.groupby("station_id")["rentals"]
df["lag_1"] = grp.shift(1)
df["lag_7"] = grp.shift(7)
df["roll_7"] = grp.transform(lambda s: s.shift(1).rolling(7, min_periods=1).mean())
df["roll_28_std"] = grp.transform(lambda s: s.shift(1).rolling(28, min_periods=7).std())
df["station_id"] = df["station_id"].astype("category")

features = ["station_id", "dow", "doy", "is_weekend", "temp_max", "precip_mm",
            "lag_1", "lag_7", "roll_7", "roll_28_std"]

train_mask = df["date"] < "2023-07-01"
valid_mask = (df["date"] >= "2023-07-01") & (df["date"] < "2023-10-01")
test_mask = df["date"] >= "2023-10-01"

dtrain = lgb.Dataset(df.loc[train_mask, features], df.loc[train_mask, "rentals"])
dvalid = lgb.Dataset(df.loc[valid_mask, features], df.loc[valid_mask, "rentals"], reference=dtrain)

params = dict(objective="poisson", learning_rate=0.03, num_leaves=63, min_data_in_leaf=50,
              feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, verbose=-1)
booster = lgb.train(params, dtrain, num_boost_round=3000, valid_sets=[dvalid],
                    callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)])

pred = booster.predict(df.loc[test_mask, features], num_iteration=booster.best_iteration)
print("test MAE", mean_absolute_error(df.loc[test_mask, "rentals"], pred))
baseline = df.loc[test_mask, "lag_7"].fillna(0)
print("lag-7 MAE", mean_absolute_error(df.loc[test_mask, "rentals"], baseline))

imp = pd.Series(booster.feature_importance("gain"), index=features).sort_values(ascending=False)
print(imp.round(0).to_string())
