import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error, mean_absolute_error
from sklearn.model_selection import train_test_split

NUMERIC = [
    "LotArea", "LotFrontage", "GrLivArea", "TotalBsmtSF",
    "GarageArea", "YearBuilt", "OverallQual", "MasVnrArea",
]
TARGET = "SalePrice"


def load_data(path="input/train.csv"):
    df = pd.read_csv(path)
    df = df[df["GrLivArea"] < 4500]
    return df[NUMERIC + ["Neighborhood", TARGET]].copy()


def preprocess(df, medians):
    df = df.copy()
    df[NUMERIC] = df[NUMERIC].fillna(medians)
    df["Age"] = 2010 - df["YearBuilt"]
    df["LogLotArea"] = np.log1p(df["LotArea"])
    df = pd.get_dummies(df, columns=["Neighborhood"], dtype=float)
    return df


def split(df, seed=0):
    y = np.log1p(df.pop(TARGET))
    return train_test_split(df, y, test_size=0.25, random_state=seed)


def train(X, y):
    model = GradientBoostingRegressor(
        n_estimators=600, learning_rate=0.03, max_depth=3,
        subsample=0.8, random_state=0,
    )
    model.fit(X, y)
    return model


def evaluate(model, X, y):
    pred = model.predict(X)
    rmse = np.sqrt(mean_squared_error(y, pred))
    mae = mean_absolute_error(np.expm1(y), np.expm1(pred))
    return {"rmse_log": round(rmse, 4), "mae_usd": round(mae, 0)}


def main():
    raw = load_data()
    X_tr, X_te, y_tr, y_te = split(raw)
    medians = X_tr[NUMERIC].median()
    X_tr = preprocess(X_tr, medians)
    X_te = preprocess(X_te, medians).reindex(columns=X_tr.columns, fill_value=0.0)
    model = train(X_tr, y_tr)
    print("train", evaluate(model, X_tr, y_tr))
    print("test ", evaluate(model, X_te, y_te))


if __name__ == "__main__":
    main()
