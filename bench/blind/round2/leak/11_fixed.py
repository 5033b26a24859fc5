import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler


def add_date_parts(frame):
    frame = frame.copy()
    listed = pd.to_datetime(frame.pop("listed_on"))
    frame["listed_month"] = listed.dt.month
    frame["listed_dow"] = listed.dt.dayofweek
    return frame


NUMERIC = ["rooms", "floor", "building_age", "listed_month", "listed_dow"]
SKEWED = ["area_m2", "dist_center_km"]
CATEGORICAL = ["district", "heating", "building_type"]

preprocess = ColumnTransformer([
    ("skewed", make_pipeline(SimpleImputer(strategy="median"), FunctionTransformer(np.log1p), StandardScaler()), SKEWED),
    ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
    ("cat", make_pipeline(
        SimpleImputer(strategy="most_frequent"),
        OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=20, sparse_output=False),
    ), CATEGORICAL),
])

model = Pipeline([
    ("dates", FunctionTransformer(add_date_parts)),
    ("prep", preprocess),
    ("gbr", HistGradientBoostingRegressor(max_iter=500, learning_rate=0.05, l2_regularization=1.0, random_state=0)),
])

listings = pd.read_csv("data/apartment_listings.csv")
listings = listings[listings["price"].between(1e4, 5e6)].reset_index(drop=True)
target = np.log(listings.pop("price"))

feat_fit, feat_eval, tgt_fit, tgt_eval = train_test_split(listings, target, test_size=0.2, random_state=17)

model.fit(feat_fit, tgt_fit)
pred = model.predict(feat_eval)
print(f"MAE (log price): {mean_absolute_error(tgt_eval, pred):.4f}")
print(f"R2: {r2_score(tgt_eval, pred):.4f}")
print(f"median abs pct error: {np.median(np.abs(np.expm1(pred - tgt_eval))):.2%}")
