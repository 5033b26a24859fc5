import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

CONFIG = {
    "path": "data/healthcare-dataset-stroke-data.csv",
    "target": "stroke",
    "drop": ["id"],
    "folds": 5,
    "seed": 8,
    "C": 0.1,
    "metrics": ["roc_auc", "recall", "precision", "f1"],
}


def load(cfg):
    df = pd.read_csv(cfg["path"]).drop(columns=cfg["drop"])
    df = df.dropna(subset=["bmi"])
    df = df[df["gender"] != "Other"]
    df = pd.get_dummies(df, drop_first=True, dtype=float)
    y = df.pop(cfg["target"]).to_numpy()
    return df.to_numpy(dtype=float), y


def build_model(cfg):
    return make_pipeline(
        RandomOverSampler(sampling_strategy=0.5, random_state=cfg["seed"]),
        StandardScaler(),
        LogisticRegression(C=cfg["C"], max_iter=2000),
    )


def cross_validate_model(model, X, y, cfg):
    cv = StratifiedKFold(n_splits=cfg["folds"], shuffle=True, random_state=cfg["seed"])
    results = {}
    for metric in cfg["metrics"]:
        s = cross_val_score(model, X, y, cv=cv, scoring=metric, n_jobs=-1)
        results[metric] = (s.mean(), s.std())
    return results


def main(cfg=CONFIG):
    X, y = load(cfg)
    print(f"positives: {int(y.sum())} of {len(y)} ({y.mean():.2%})")
    model = build_model(cfg)
    res = cross_validate_model(model, X, y, cfg)
    for name, (mean, std) in res.items():
        print(f"{name:>10s}: {mean:.3f} +/- {std:.3f}")


if __name__ == "__main__":
    main()
