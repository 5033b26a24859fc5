# expect: clean
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.model_selection import KFold
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("bank.csv")
X = df.drop(columns="y").to_numpy()
y = df["y"].to_numpy()
accs = []
for tr, te in KFold(n_splits=5, shuffle=True).split(X):
    X_fold, y_fold = SMOTENC(categorical_features=[1, 2, 3]).fit_resample(X[tr], y[tr])
    m = RandomForestClassifier().fit(X_fold, y_fold)
    accs.append(m.score(X[te], y[te]))
print(np.mean(accs))
